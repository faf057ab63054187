import { formatDate, formatDateTime } from '../format';

/** A date (or date and time, with `withTime`) in the reader's locale, machine-readable in `dateTime`. */
export const Time = ({ value, withTime = false }: { value: string; withTime?: boolean }) => (
  <time dateTime={value}>{withTime ? formatDateTime(value) : formatDate(value)}</time>
);
