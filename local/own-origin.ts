const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];
const WILDCARD_ADDRESSES = ['', '0.0.0.0', '::'];

/**
 * The `Host` values that address a server listening on `host`:`port`: its loopback names, and the
 * address it was told to listen on unless that is a wildcard (which names every address, so none).
 */
export const ownHosts = (host: string, port: number): ReadonlySet<string> => {
  const names = [...LOOPBACK_NAMES];
  if (!WILDCARD_ADDRESSES.includes(host)) names.push(host.includes(':') ? `[${host}]` : host.toLowerCase());
  const withPort = names.map((name) => `${name}:${port}`);
  return new Set(port === 80 ? [...withPort, ...names] : withPort);
};

/**
 * Whether a request was addressed to one of `hosts` and, when a browser sent it (`Origin`), came from
 * a page served by one of them. A DNS-rebinding page names its own host; a cross-site form its own origin.
 */
export const fromOwnOrigin = (
  headers: { host?: string | undefined; origin?: string | undefined },
  hosts: ReadonlySet<string>,
): boolean => {
  const host = headers.host?.toLowerCase();
  if (host === undefined || !hosts.has(host)) return false;
  if (headers.origin === undefined) return true;
  const origin = headers.origin.toLowerCase();
  return origin.startsWith('http://') && hosts.has(origin.slice('http://'.length));
};
