import { barsOf, totalOf } from '../chart';
import { countOf, formatCount, formatDate } from '../format';
import type { DailyCount } from '../../../lib/contract';

const BOX = { width: 600, height: 120, gap: 4, minHeight: 2 };

/** Requests per day as bars; each bar names its day and count on hover. */
export const UsageChart = ({ daily }: { daily: readonly DailyCount[] }) => {
  const bars = barsOf(daily, BOX);
  const first = daily[0];
  const last = daily[daily.length - 1];
  return (
    <div class="usage-chart">
      <svg
        role="img"
        aria-label={`Requests per day over the last ${daily.length} days, ${formatCount(totalOf(daily))} in total`}
        viewBox={`0 0 ${BOX.width} ${BOX.height}`}
        preserveAspectRatio="none"
      >
        {bars.map((bar) => (
          <rect
            key={bar.day}
            class={bar.requests === 0 ? 'bar bar-empty' : 'bar'}
            x={bar.x}
            y={bar.y}
            width={bar.width}
            height={bar.height}
          >
            <title>{`${bar.day}: ${countOf(bar.requests, 'request')}`}</title>
          </rect>
        ))}
      </svg>
      {first && last && (
        <p class="chart-axis" aria-hidden="true">
          <span>{formatDate(`${first.day}T00:00:00`)}</span>
          <span>{formatDate(`${last.day}T00:00:00`)}</span>
        </p>
      )}
    </div>
  );
};
