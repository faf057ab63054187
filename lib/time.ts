/** Clock arithmetic on epoch milliseconds, and the UTC hour and day names that usage is counted in. */
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
export const DAY_S = 86_400;

/** Epoch seconds, the unit of DynamoDB's TTL attribute. */
export const epochSeconds = (date: Date): number => Math.floor(date.getTime() / 1000);

/** The UTC hour an instant falls in, `yyyy-mm-ddThh`. */
export const utcHour = (at: number): string => new Date(at).toISOString().slice(0, 13);
/** The UTC day an instant falls in, `yyyy-mm-dd`. */
export const utcDay = (at: number): string => new Date(at).toISOString().slice(0, 10);

/** The start of a UTC hour named `yyyy-mm-ddThh`. */
export const startOfUtcHour = (hour: string): Date => new Date(`${hour}:00:00Z`);
/** Midnight (UTC) of a day named `yyyy-mm-dd`. */
export const startOfUtcDay = (day: string): Date => new Date(`${day}T00:00:00Z`);
