import { useId, useState } from 'preact/hooks';
import { barsOf, hourTicks, middleOf } from '../chart';
import { formatDate, formatDateTime } from '../format';
import type { DailyCount, HourlyCount } from '../../../lib/contract';
import { BarChart, CHART_BOX, type BarChartProps } from './BarChart';

type Period = 'hourly' | 'daily';

const PERIODS: readonly { id: Period; label: string }[] = [
  { id: 'hourly', label: 'Last 24 hours' },
  { id: 'daily', label: 'Last 30 days' },
];

const dayLabel = (day: string): string => formatDate(`${day}T00:00:00`);

const hourOfDay = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const dayOfMonth = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

const DailyAxis = ({ daily }: { daily: readonly DailyCount[] }) => {
  const first = daily[0];
  const last = daily[daily.length - 1];
  return first && last ? (
    <p class="chart-axis" aria-hidden="true">
      <span>{dayLabel(first.day)}</span>
      <span>Day (UTC)</span>
      <span>{dayLabel(last.day)}</span>
    </p>
  ) : null;
};

/** Labels at 0, 6, 12 and 18 o'clock of the viewer's day under their bars; local midnight names the day. */
const HourlyAxis = ({ hourly }: { hourly: readonly HourlyCount[] }) => {
  const bars = barsOf(hourly, CHART_BOX);
  return (
    <div class="chart-axis chart-hour-axis" aria-hidden="true">
      <p class="chart-hour-ticks">
        {hourTicks(hourly, (at) => at.getHours()).map(({ index, startsDay }) => {
          const bar = bars[index];
          if (bar === undefined) return null;
          const at = new Date(bar.hour);
          return (
            <span
              key={bar.hour}
              class={startsDay ? 'chart-day-tick' : undefined}
              style={{ left: `${middleOf(bar, CHART_BOX)}%` }}
            >
              {startsDay ? dayOfMonth.format(at) : hourOfDay.format(at)}
            </span>
          );
        })}
      </p>
      <p class="chart-hour-title">Hour (your time)</p>
    </div>
  );
};

const viewOf = (period: Period, daily: readonly DailyCount[], hourly: readonly HourlyCount[]): BarChartProps =>
  period === 'hourly'
    ? {
        unit: 'hour',
        points: hourly.map(({ hour, requests }) => ({ requests, label: formatDateTime(hour), dateTime: hour })),
        timeAxis: <HourlyAxis hourly={hourly} />,
        column: 'Hour starting (your time)',
      }
    : {
        unit: 'day',
        points: daily.map(({ day, requests }) => ({ requests, label: dayLabel(day), dateTime: day })),
        timeAxis: <DailyAxis daily={daily} />,
        column: 'Day (UTC)',
      };

/**
 * Requests per hour over the last 24 hours, or per day over the last 30 (as the page has always opened it),
 * chosen with two toggle buttons; each view has a labelled axis of round numbers and its values as a table.
 */
export const UsageChart = ({ daily, hourly }: { daily: readonly DailyCount[]; hourly: readonly HourlyCount[] }) => {
  const [period, setPeriod] = useState<Period>('daily');
  const titleId = useId();
  const view = viewOf(period, daily, hourly);
  return (
    <figure class="usage-chart" aria-labelledby={titleId}>
      <div class="chart-header">
        <h3 id={titleId}>{`Requests per ${view.unit}`}</h3>
        <div class="chart-period" role="group" aria-label="Chart period">
          {PERIODS.map(({ id, label }) => (
            <button key={id} type="button" aria-pressed={period === id} onClick={() => setPeriod(id)}>
              {label}
            </button>
          ))}
        </div>
      </div>
      <BarChart {...view} />
    </figure>
  );
};
