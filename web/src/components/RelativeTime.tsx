import { formatDateTime } from '../format';
import { relativeTime } from '../relative-time';

/**
 * "2 min ago", with the exact time on hover (title) and on keyboard focus (shown beside it), and read out
 * in full by screen readers.
 */
export const RelativeTime = ({ value, now }: { value: string; now: Date }) => {
  const exact = formatDateTime(value);
  const relative = relativeTime(value, now);
  return (
    <time class="relative-time" dateTime={value} title={exact} tabIndex={0} data-exact={exact}>
      <span aria-hidden="true">{relative}</span>
      <span class="visually-hidden">{`${relative}, ${exact}`}</span>
    </time>
  );
};
