import { axisTicks, axisTop, barsOf, maxOf, totalOf } from '../chart';
import { countOf, formatCount, formatDate } from '../format';
import type { DailyCount } from '../../../lib/contract';

const BOX = { width: 600, height: 120, gap: 4, minHeight: 2 };

const dayLabel = (day: string): string => formatDate(`${day}T00:00:00`);

/**
 * Requests per day as bars against a labelled axis of round numbers; each bar names its day and count on
 * hover, and the values are also a table that keyboard and screen reader users can open.
 */
export const UsageChart = ({ daily }: { daily: readonly DailyCount[] }) => {
  const top = axisTop(maxOf(daily));
  const bars = barsOf(daily, BOX, top);
  const first = daily[0];
  const last = daily[daily.length - 1];
  return (
    <figure class="usage-chart">
      <figcaption>
        <h3>Requests per day</h3>
      </figcaption>
      <div class="chart-plot">
        <span class="chart-axis-title" aria-hidden="true">
          Requests
        </span>
        <div class="chart-y-axis" aria-hidden="true">
          {axisTicks(top).map((tick) => (
            <span key={tick} style={{ bottom: `${(tick / top) * 100}%` }}>
              {formatCount(tick)}
            </span>
          ))}
        </div>
        <svg
          role="img"
          aria-label={`Requests per day over the last ${daily.length} days, ${formatCount(totalOf(daily))} in total`}
          viewBox={`0 0 ${BOX.width} ${BOX.height}`}
          preserveAspectRatio="none"
        >
          {axisTicks(top).map((tick) => (
            <line
              key={tick}
              class="chart-grid"
              x1={0}
              x2={BOX.width}
              y1={BOX.height - (tick / top) * BOX.height}
              y2={BOX.height - (tick / top) * BOX.height}
            />
          ))}
          {bars.map((bar) => (
            <rect
              key={bar.day}
              class={bar.requests === 0 ? 'bar bar-empty' : 'bar'}
              x={bar.x}
              y={bar.y}
              width={bar.width}
              height={bar.height}
            >
              <title>{`${dayLabel(bar.day)}: ${countOf(bar.requests, 'request')}`}</title>
            </rect>
          ))}
        </svg>
      </div>
      {first && last && (
        <p class="chart-axis" aria-hidden="true">
          <span>{dayLabel(first.day)}</span>
          <span>Day (UTC)</span>
          <span>{dayLabel(last.day)}</span>
        </p>
      )}
      <details class="chart-values">
        <summary>Requests per day as a table</summary>
        <table class="chart-table">
          <caption class="visually-hidden">Requests per day, last {daily.length} days</caption>
          <thead>
            <tr>
              <th scope="col">Day (UTC)</th>
              <th scope="col" class="numeric">
                Requests
              </th>
            </tr>
          </thead>
          <tbody>
            {[...daily].reverse().map(({ day, requests }) => (
              <tr key={day}>
                <th scope="row">{dayLabel(day)}</th>
                <td class="numeric">{formatCount(requests)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
};
