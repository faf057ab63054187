const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

const ago = (n: number, unit: string, future: boolean): string => (future ? `in ${n} ${unit}` : `${n} ${unit} ago`);

/**
 * How long ago (or how soon) `at` is from `now`, in the largest whole unit up to days.
 * @example relativeTime('2026-11-23T15:28:00Z', new Date('2026-11-23T15:30:00Z')) // '2 min ago'
 */
export const relativeTime = (at: string | Date, now: Date): string => {
  const ms = now.getTime() - new Date(at).getTime();
  if (Number.isNaN(ms)) return String(at);
  const future = ms < 0;
  const span = Math.abs(ms);
  if (span < 45_000) return 'just now';
  if (span < HOUR_MS) return ago(Math.max(1, Math.round(span / MINUTE_MS)), 'min', future);
  if (span < DAY_MS) return ago(Math.floor(span / HOUR_MS), 'h', future);
  const days = Math.floor(span / DAY_MS);
  return ago(days, days === 1 ? 'day' : 'days', future);
};
