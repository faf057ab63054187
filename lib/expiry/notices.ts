import { DAY_MS, utcDay } from '../time';
import type { DueNotice, NoticeKind } from './types';

/** How many days after a token's expiry the emitter still looks for it, so an outage delays its notice, not loses it. */
export const EXPIRED_LOOKBACK_DAYS = 7;

/** The notice's name in the calendar item's `sent` set and claim attributes. */
export const noticeLabel = (kind: NoticeKind): string => String(kind);

/**
 * The one notice due for a token now: `expired` once it has expired, otherwise the smallest warning
 * threshold it has come within. A larger threshold passed unseen (a token made with 5 days left, or
 * an emitter down for a week) is never sent late: the owner hears the nearest one.
 *
 * @param thresholds distinct whole days, in any order
 */
export const dueNotice = (expiresAt: Date, thresholds: readonly number[], now: Date): DueNotice | undefined => {
  const left = expiresAt.getTime() - now.getTime();
  if (left <= 0) return { kind: 'expired', daysLeft: 0 };
  const within = thresholds.filter((days) => left <= days * DAY_MS);
  if (within.length === 0) return undefined;
  return { kind: Math.min(...within), daysLeft: Math.ceil(left / DAY_MS) };
};

/**
 * The UTC days whose calendar partitions can hold a token with a notice due now: from
 * `EXPIRED_LOOKBACK_DAYS` ago (late expired notices) to the largest threshold ahead.
 */
export const calendarDays = (now: Date, thresholds: readonly number[]): string[] => {
  const ahead = Math.max(0, ...thresholds);
  const days: string[] = [];
  for (let offset = -EXPIRED_LOOKBACK_DAYS; offset <= ahead; offset++)
    days.push(utcDay(now.getTime() + offset * DAY_MS));
  return days;
};

/** When DynamoDB may delete a calendar entry: once the emitter no longer looks at its day. */
export const calendarEntryExpiry = (expiresAt: Date): Date =>
  new Date(expiresAt.getTime() + (EXPIRED_LOOKBACK_DAYS + 1) * DAY_MS);
