import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../../../../lib/config';
import { ApiError } from '../../../../lib/errors';
import { authenticateSession, SESSION_CLOCK_TOLERANCE_SECONDS } from '../../../../lib/http/session';

const now = new Date('2026-03-10T12:00:00.000Z');
const nowSeconds = now.getTime() / 1000;
const HOUR = 3600;
const DAY = 24 * HOUR;
const tolerance = SESSION_CLOCK_TOLERANCE_SECONDS;

const dir = mkdtempSync(join(tmpdir(), 'session-test-'));
const settings: Config['session'] = {
  issuer: 'https://id.example',
  audience: 'api-tokens',
  jwksUrl: undefined,
  devKeyFile: join(dir, 'key.json'),
  maxAgeSeconds: DAY,
};
let privateKey: KeyLike;

beforeAll(async () => {
  const pair = await generateKeyPair('ES256', { extractable: true });
  privateKey = pair.privateKey;
  writeFileSync(settings.devKeyFile ?? '', JSON.stringify({ publicJwk: await exportJWK(pair.publicKey) }));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A session signed with the trusted key: one hour old, valid for another; `null` leaves a claim out. */
const session = (claims: { sub?: string | null; iat?: number | null; exp?: number | null } = {}): Promise<string> => {
  const { sub = 'alice', iat = nowSeconds - HOUR, exp = nowSeconds + HOUR } = claims;
  const jwt = new SignJWT({})
    .setProtectedHeader({ alg: 'ES256' })
    .setIssuer(settings.issuer)
    .setAudience(settings.audience);
  if (sub !== null) jwt.setSubject(sub);
  if (iat !== null) jwt.setIssuedAt(iat);
  if (exp !== null) jwt.setExpirationTime(exp);
  return jwt.sign(privateKey);
};

/** The user a session authenticates as at `now`, or the error code it is refused with. */
const outcome = (jwt: string, maxAgeSeconds = DAY, at = now): Promise<string> =>
  authenticateSession({ ...settings, maxAgeSeconds }, `Bearer ${jwt}`, at).catch((error: unknown) =>
    error instanceof ApiError ? error.code : 'not an ApiError',
  );

describe('authenticateSession', () => {
  it('answers the subject of a session with an issue time and an expiry inside the maximum age', async () => {
    expect(await outcome(await session())).toBe('alice');
    expect(await outcome(await session({ iat: nowSeconds, exp: nowSeconds + DAY }))).toBe('alice');
  });

  it.each([
    ['no expiry', { exp: null }],
    ['no issue time', { iat: null }],
    ['no subject', { sub: null }],
    ['an empty subject', { sub: '' }],
  ])('refuses a session with %s', async (_, claims) => {
    expect(await outcome(await session(claims))).toBe('session_required');
  });

  it('refuses a session issued in the future beyond the clock tolerance, and accepts one within it', async () => {
    expect(await outcome(await session({ iat: nowSeconds + tolerance + 5, exp: nowSeconds + HOUR }))).toBe(
      'session_required',
    );
    expect(await outcome(await session({ iat: nowSeconds + tolerance - 5, exp: nowSeconds + HOUR }))).toBe('alice');
  });

  it('refuses a session issued in 2100', async () => {
    const in2100 = Date.parse('2100-01-01T00:00:00Z') / 1000;
    expect(await outcome(await session({ iat: in2100, exp: in2100 + HOUR }))).toBe('session_required');
  });

  it('refuses a session that lives longer than the maximum age, even while it is young', async () => {
    expect(await outcome(await session({ iat: nowSeconds, exp: nowSeconds + 10 * 365 * DAY }))).toBe(
      'session_required',
    );
    expect(await outcome(await session({ iat: nowSeconds, exp: nowSeconds + DAY + 1 }))).toBe('session_required');
  });

  it('refuses a session issued longer ago than the maximum age', async () => {
    expect(await outcome(await session({ iat: nowSeconds - DAY - tolerance - 5, exp: nowSeconds + HOUR }))).toBe(
      'session_required',
    );
  });

  it('refuses a session expired beyond the clock tolerance, and accepts one within it', async () => {
    expect(await outcome(await session({ exp: nowSeconds - tolerance - 5 }))).toBe('session_required');
    expect(await outcome(await session({ exp: nowSeconds - tolerance + 5 }))).toBe('alice');
  });

  it('follows the configured maximum age', async () => {
    const twoHours = await session({ iat: nowSeconds - 60, exp: nowSeconds - 60 + 2 * HOUR });
    expect(await outcome(twoHours, 2 * HOUR)).toBe('alice');
    expect(await outcome(twoHours, HOUR)).toBe('session_required');
  });

  it('judges the session at the time given', async () => {
    const jwt = await session();
    expect(await outcome(jwt, DAY, now)).toBe('alice');
    expect(await outcome(jwt, DAY, new Date(now.getTime() + 2 * HOUR * 1000))).toBe('session_required');
  });
});
