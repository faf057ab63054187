import { ratio } from './stats';
import type { TimedRow } from './timing';

export const formatMicros = (micros: number): string =>
  micros < 100 ? `${micros.toFixed(1)} µs` : `${Math.round(micros).toLocaleString('en-US')} µs`;

export const formatMillis = (micros: number): string => `${(micros / 1000).toFixed(1)} ms`;

export const kilobytes = (bytes: number): number => bytes / 1024;

/** `min–max` of the values, or the one value when they are all the same. */
export const range = (values: readonly number[], format: (n: number) => string): string => {
  const min = Math.min(...values);
  const max = Math.max(...values);
  return min === max ? format(min) : `${format(min)}–${format(max)}`;
};

/** Table rows of each row's median and p95, and its median's ratio to the yardstick's (the first row's unless said). */
export const ratioRows = (rows: readonly TimedRow[], yardstick = rows[0]?.summary): string[] =>
  rows.map(
    ({ label, summary }) =>
      `| ${label} | ${formatMicros(summary.median)} | ${formatMicros(summary.p95)} | ` +
      `${yardstick === undefined ? '-' : ratio(summary, yardstick).toFixed(2)}x |`,
  );
