/** Latency figures of one measurement, in microseconds. */
export interface Summary {
  median: number;
  p95: number;
  mean: number;
  count: number;
}

/** Nearest-rank percentile of ascending samples. */
const percentile = (sorted: readonly number[], fraction: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))] ?? Number.NaN;

export const summarize = (samples: readonly number[]): Summary => {
  const sorted = [...samples].sort((a, b) => a - b);
  const total = sorted.reduce((sum, value) => sum + value, 0);
  return {
    median: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    mean: total / sorted.length,
    count: sorted.length,
  };
};

export const median = (samples: readonly number[]): number => summarize(samples).median;

/** One summary's figure over another's, the median unless told otherwise. */
export const ratio = (a: Summary, b: Summary, pick: (summary: Summary) => number = (s) => s.median): number =>
  pick(a) / pick(b);
