import { generateKeyPair, importJWK, SignJWT, UnsecuredJWT } from 'jose';
import { setTimeout as sleep } from 'node:timers/promises';
import local from '../../infra/local.json';
import { generateToken } from '../../lib/tokens/format';
import { ensureDevSessionKey, signLocalSession } from '../../local/dev-session';
import { type Reply } from './http';

/** The messages the contract quotes word for word. */
export const MESSAGES = {
  tokenInvalid: 'Invalid access token provided',
  tokenExpired: 'API token has expired',
  tokenLimitReached: 'Maximum number of API tokens reached',
} as const;

export const TOKEN_PATTERN = /^mp_test_[0-9A-Za-z]{38}$/;

export const MODULES = ['applicants', 'cases', 'invoices'] as const;

export const TOKEN_VIEW_FIELDS = [
  'createdAt',
  'description',
  'disabled',
  'expiresAt',
  'expiresInDays',
  'graceUntil',
  'hint',
  'id',
  'lastUsedAt',
  'name',
  'replacedBy',
  'revokedAt',
  'scopes',
  'status',
];

const DAY_MS = 86_400_000;

/** Checks a reply is the contract's error: the status, a JSON body of exactly `{code, message}` (strings), and the code. */
export const expectError = (
  reply: Reply,
  status: number | readonly number[],
  code: string,
  message?: string | RegExp,
): void => {
  const statuses: readonly number[] = typeof status === 'number' ? [status] : status;
  const expectedMessage = typeof message === 'string' ? message : expect.stringMatching(message ?? /\S/);
  // One comparison of the whole reply, so that a failure shows what the service answered.
  expect({ status: reply.status, body: reply.body }).toEqual({
    status: statuses.includes(reply.status) ? reply.status : statuses[0],
    body: { code, message: expectedMessage },
  });
  expect(Object.keys(reply.body).sort()).toEqual(['code', 'message']);
  expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
};

/** An ISO-8601 instant `days` (fractions allowed) from now. */
export const daysFromNow = (days: number): string => new Date(Date.now() + days * DAY_MS).toISOString();

/** An ISO-8601 instant `ms` milliseconds from now. */
export const msFromNow = (ms: number): string => new Date(Date.now() + ms).toISOString();

/** Waits until this machine's clock (which the local service shares) is past `iso`. */
export const waitUntilPast = async (iso: string): Promise<void> => {
  const at = Date.parse(iso);
  while (Date.now() <= at + 50) await sleep(Math.min(250, at + 60 - Date.now()));
};

/** The token with one character of its secret changed to another base62 character. */
export const mistype = (token: string): string => {
  const at = 'mp_test_'.length + 5;
  const swapped = token[at] === 'a' ? 'b' : 'a';
  return token.slice(0, at) + swapped + token.slice(at + 1);
};

/** A well-formed token with a valid checksum that the service never issued. */
export const neverIssuedToken = (environment: 'test' | 'live' = 'test'): string =>
  generateToken({ prefix: 'mp', environment });

/** A session JWT signed with the local service's own development key, with claims chosen by the test (`null` leaves one out). */
export const devSignedSession = async (
  claims: { sub?: string; iss?: string; aud?: string; iat?: number | null; exp?: number | null } = {},
): Promise<string> => {
  const { privateJwk } = await ensureDevSessionKey();
  const now = Math.floor(Date.now() / 1000);
  const { iat = now - 60, exp = now + 3600 } = claims;
  const jwt = new SignJWT({})
    .setProtectedHeader({ alg: 'ES256' })
    .setIssuer(claims.iss ?? local.sessionIssuer)
    .setAudience(claims.aud ?? local.sessionAudience);
  if (iat !== null) jwt.setIssuedAt(iat);
  if (exp !== null) jwt.setExpirationTime(exp);
  if (claims.sub !== undefined) jwt.setSubject(claims.sub);
  return jwt.sign(await importJWK(privateJwk, 'ES256'));
};

/** A session JWT for `userId`, right in every claim, but signed by a key the service has never seen. */
export const foreignSignedSession = async (userId: string): Promise<string> =>
  signLocalSession((await generateKeyPair('ES256')).privateKey, userId, '1h');

/** An unsigned (`alg: none`) session JWT for `userId`. */
export const unsignedSession = (userId: string): string =>
  new UnsecuredJWT({})
    .setSubject(userId)
    .setIssuer(local.sessionIssuer)
    .setAudience(local.sessionAudience)
    .setIssuedAt()
    .setExpirationTime('1h')
    .encode();
