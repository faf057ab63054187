/** A fixed window of a rate limit: every instant in [start, end) counts toward the same total. */
export interface RateWindow {
  start: Date;
  end: Date;
}

/** The window of `windowSeconds` that `now` falls in, aligned to the epoch so that every caller agrees on it. */
export const fixedWindow = (now: Date, windowSeconds: number): RateWindow => {
  const length = windowSeconds * 1000;
  const start = Math.floor(now.getTime() / length) * length;
  return { start: new Date(start), end: new Date(start + length) };
};

/** Whole seconds until the window ends (at least 1), for `Retry-After`. */
export const secondsUntilEnd = (window: RateWindow, now: Date): number =>
  Math.max(1, Math.ceil((window.end.getTime() - now.getTime()) / 1000));
