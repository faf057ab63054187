const DAY_MS = 86_400_000;

export type ExpiryChoice = '7d' | '30d' | '90d' | '1y' | 'custom' | 'never';

export const EXPIRY_CHOICES: readonly { value: ExpiryChoice; label: string; days?: number }[] = [
  { value: '7d', label: '7 days', days: 7 },
  { value: '30d', label: '30 days', days: 30 },
  { value: '90d', label: '90 days', days: 90 },
  { value: '1y', label: '1 year', days: 365 },
  { value: 'custom', label: 'Custom date' },
  { value: 'never', label: 'Never' },
];

export const DEFAULT_EXPIRY: ExpiryChoice = '30d';

export type Expiry = { kind: 'never' } | { kind: 'at'; at: Date } | { kind: 'invalid'; message: string };

/** The last millisecond of a `YYYY-MM-DD` day in local time, or null if the text is no such day. */
export const endOfLocalDay = (value: string): Date | null => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const end = new Date(year, month - 1, day, 23, 59, 59, 999);
  return end.getFullYear() === year && end.getMonth() === month - 1 && end.getDate() === day ? end : null;
};

/** `date` as the `YYYY-MM-DD` value of a date input, in local time. */
export const dateInputValue = (date: Date): string =>
  [date.getFullYear(), date.getMonth() + 1, date.getDate()].map((n) => String(n).padStart(2, '0')).join('-');

/** When a token made at `now` expires: a quick choice counts whole days from now, a custom date ends with its day. */
export const expiryFor = (choice: ExpiryChoice, customDate: string, now: Date): Expiry => {
  if (choice === 'never') return { kind: 'never' };
  if (choice === 'custom') {
    if (customDate === '') return { kind: 'invalid', message: 'Choose an expiration date.' };
    const at = endOfLocalDay(customDate);
    if (at === null) return { kind: 'invalid', message: 'Enter a valid date.' };
    if (at.getTime() <= now.getTime()) return { kind: 'invalid', message: 'Choose today or a later date.' };
    return { kind: 'at', at };
  }
  const days = EXPIRY_CHOICES.find(({ value }) => value === choice)?.days ?? 30;
  return { kind: 'at', at: new Date(now.getTime() + days * DAY_MS) };
};

/** The `expiresAt` of POST /tokens for an expiry that is not invalid. */
export const expiresAtOf = (expiry: Exclude<Expiry, { kind: 'invalid' }>): string | null =>
  expiry.kind === 'never' ? null : expiry.at.toISOString();
