import type { ComponentChildren } from 'preact';
import { axisTicks, axisTop, barsOf, maxOf, totalOf, type ChartBox } from '../chart';
import { countOf, formatCount } from '../format';

/** One bar: its period's requests, the period in words, and the period machine-readable. */
export interface ChartPoint {
  requests: number;
  label: string;
  dateTime: string;
}

export const CHART_BOX: ChartBox = { width: 600, height: 120, gap: 4, minHeight: 2 };

export interface BarChartProps {
  points: readonly ChartPoint[];
  /** What one bar stands for. */
  unit: 'hour' | 'day';
  /** The time axis under the bars. */
  timeAxis: ComponentChildren;
  /** The table's first column: `Day (UTC)`. */
  column: string;
}

/**
 * Bars against a labelled axis of round numbers; each bar names its period and count on hover, and the values
 * are also a table, newest first, that keyboard and screen reader users can open.
 */
export const BarChart = ({ points, unit, timeAxis, column }: BarChartProps) => {
  const top = axisTop(maxOf(points));
  const bars = barsOf(points, CHART_BOX, top);
  const what = `Requests per ${unit}`;
  const period = `last ${points.length} ${unit}s`;
  return (
    <>
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
          aria-label={`${what} over the ${period}, ${formatCount(totalOf(points))} in total`}
          viewBox={`0 0 ${CHART_BOX.width} ${CHART_BOX.height}`}
          preserveAspectRatio="none"
        >
          {axisTicks(top).map((tick) => (
            <line
              key={tick}
              class="chart-grid"
              x1={0}
              x2={CHART_BOX.width}
              y1={CHART_BOX.height - (tick / top) * CHART_BOX.height}
              y2={CHART_BOX.height - (tick / top) * CHART_BOX.height}
            />
          ))}
          {bars.map((bar) => (
            <rect
              key={bar.dateTime}
              class={bar.requests === 0 ? 'bar bar-empty' : 'bar'}
              x={bar.x}
              y={bar.y}
              width={bar.width}
              height={bar.height}
            >
              <title>{`${bar.label}: ${countOf(bar.requests, 'request')}`}</title>
            </rect>
          ))}
        </svg>
      </div>
      {timeAxis}
      <details class="chart-values">
        <summary>{`${what} as a table`}</summary>
        <table class="chart-table">
          <caption class="visually-hidden">{`${what}, ${period}`}</caption>
          <thead>
            <tr>
              <th scope="col">{column}</th>
              <th scope="col" class="numeric">
                Requests
              </th>
            </tr>
          </thead>
          <tbody>
            {[...points].reverse().map(({ dateTime, label, requests }) => (
              <tr key={dateTime}>
                <th scope="row">
                  <time dateTime={dateTime}>{label}</time>
                </th>
                <td class="numeric">{formatCount(requests)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
};
