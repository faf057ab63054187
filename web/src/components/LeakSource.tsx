import { leakLink } from '../audit-words';

/** Where a leak report found a token: a link only when it is a web address, since the report's sender chose it. */
export const LeakSource = ({ url }: { url: string | undefined }) => {
  if (url === undefined) return null;
  const link = leakLink({ url });
  return (
    <span class="leak-source">
      {'Found at '}
      {link === null ? (
        <span class="leak-url">{url}</span>
      ) : (
        <a class="leak-url" href={link} rel="noopener noreferrer nofollow">
          {url}
        </a>
      )}
    </span>
  );
};
