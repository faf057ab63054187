import { setTimeout as sleep } from 'node:timers/promises';

/** A short, jittered wait before trying a request again, longer with each attempt (5 to 85 ms). */
export const backoff = (attempt: number): Promise<void> => sleep(5 + Math.random() * 10 * Math.min(attempt + 1, 8));
