/** Characters of the token's end a hint shows: the checksum's, so nothing of the secret. */
const SHOWN = 4;

/**
 * A token's non-secret hint, `<prefix>_<environment>_…<last four>` (e.g. `mp_live_…x9Qa`): enough to tell
 * which token string a row belongs to, and its environment.
 */
export const tokenHint = (token: string): string =>
  `${token.slice(0, token.lastIndexOf('_') + 1)}…${token.slice(-SHOWN)}`;
