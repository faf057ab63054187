const date = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const count = new Intl.NumberFormat();

// Intl throws on an invalid date; showing the raw value beats a blank page.
const formatWith = (format: Intl.DateTimeFormat, value: string | Date): string => {
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? String(value) : format.format(at);
};

export const formatDate = (value: string | Date): string => formatWith(date, value);

export const formatDateTime = (value: string | Date): string => formatWith(dateTime, value);

export const formatCount = (n: number): string => count.format(n);

/** `1 request`, `3 requests`. */
export const countOf = (n: number, one: string, many = `${one}s`): string =>
  `${formatCount(n)} ${n === 1 ? one : many}`;
