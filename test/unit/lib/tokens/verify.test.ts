import { generateToken, hashToken } from '../../../../lib/tokens/format';
import type { KeyRecord } from '../../../../lib/tokens/types';
import { judgeKey, verifyToken } from '../../../../lib/tokens/verify';

const now = new Date('2026-03-10T12:00:00.000Z');
const format = { prefix: 'mp', environment: 'test' } as const;
const key = (overrides: Partial<KeyRecord> = {}): KeyRecord => ({
  userId: 'alice',
  tokenId: 'tok-1',
  scopes: ['cases:read'],
  expiresAt: null,
  revokedAt: null,
  ...overrides,
});
const later = '2026-03-11T00:00:00.000Z';
const earlier = '2026-03-09T00:00:00.000Z';

describe('judgeKey', () => {
  it('accepts a live key whose scopes cover the requirement, passing owner, id and scopes', () => {
    expect(judgeKey(key({ expiresAt: later }), { module: 'cases', access: 'read' }, now)).toEqual({
      valid: true,
      userId: 'alice',
      tokenId: 'tok-1',
      scopes: ['cases:read'],
    });
  });

  it('accepts any live key on a route that needs no scope', () => {
    expect(judgeKey(key(), null, now).valid).toBe(true);
  });

  it('refuses an unknown key', () => {
    expect(judgeKey(undefined, null, now)).toEqual({ valid: false, reason: 'unknown' });
  });

  it('refuses an expired key, at the instant of expiry', () => {
    expect(judgeKey(key({ expiresAt: earlier }), null, now)).toMatchObject({ valid: false, reason: 'expired' });
    expect(judgeKey(key({ expiresAt: now.toISOString() }), null, now)).toMatchObject({
      valid: false,
      reason: 'expired',
    });
  });

  it('refuses a revoked key as revoked even when it has also expired', () => {
    expect(judgeKey(key({ revokedAt: earlier, expiresAt: earlier }), null, now)).toMatchObject({
      valid: false,
      reason: 'revoked',
    });
  });

  it('refuses a revoked key whatever the clock says, even one revoked at a time this clock has not reached', () => {
    expect(judgeKey(key({ revokedAt: later }), null, now)).toMatchObject({ valid: false, reason: 'revoked' });
    expect(judgeKey(key({ revokedAt: now.toISOString() }), null, now)).toMatchObject({
      valid: false,
      reason: 'revoked',
    });
  });

  it('refuses a disabled key as disabled, and an enabled one not', () => {
    expect(judgeKey(key({ disabled: true }), null, now)).toMatchObject({ valid: false, reason: 'disabled' });
    expect(judgeKey(key({ disabled: false }), null, now).valid).toBe(true);
  });

  it('refuses a disabled key that is also revoked or expired as revoked or expired: those are for good', () => {
    expect(judgeKey(key({ disabled: true, revokedAt: earlier }), null, now)).toMatchObject({ reason: 'revoked' });
    expect(judgeKey(key({ disabled: true, expiresAt: earlier }), null, now)).toMatchObject({ reason: 'expired' });
  });

  it('accepts a rolled key until its grace ends and refuses it as revoked from that instant, by this clock', () => {
    const graceUntil = '2026-03-10T12:00:00.000Z';
    expect(judgeKey(key({ graceUntil }), null, new Date(Date.parse(graceUntil) - 1)).valid).toBe(true);
    expect(judgeKey(key({ graceUntil }), null, new Date(graceUntil))).toMatchObject({
      valid: false,
      reason: 'revoked',
    });
    expect(judgeKey(key({ graceUntil, expiresAt: earlier }), null, now)).toMatchObject({ reason: 'revoked' });
  });

  it('refuses a rolled key as expired when it expires before its grace ends', () => {
    expect(judgeKey(key({ graceUntil: later, expiresAt: earlier }), null, now)).toMatchObject({ reason: 'expired' });
  });

  it('refuses a key without the needed scope', () => {
    expect(judgeKey(key(), { module: 'cases', access: 'write' }, now)).toMatchObject({
      valid: false,
      reason: 'insufficient_scope',
      requirement: { module: 'cases', access: 'write' },
    });
  });
});

describe('verifyToken', () => {
  it('refuses a malformed token without looking it up', async () => {
    const findKey = jest.fn(async () => key());
    const token = generateToken(format);
    const verdict = await verifyToken(
      { format, findKey },
      `${token.slice(0, -1)}${token.endsWith('a') ? 'b' : 'a'}`,
      null,
      now,
    );
    expect(verdict).toEqual({ valid: false, reason: 'malformed' });
    expect(findKey).not.toHaveBeenCalled();
  });

  it('refuses a token of another environment without looking it up', async () => {
    const findKey = jest.fn(async () => key());
    const verdict = await verifyToken(
      { format, findKey },
      generateToken({ ...format, environment: 'live' }),
      null,
      now,
    );
    expect(verdict).toEqual({ valid: false, reason: 'wrong_environment' });
    expect(findKey).not.toHaveBeenCalled();
  });

  it('looks a well-formed token up by its SHA-256 and judges what it finds', async () => {
    const token = generateToken(format);
    const findKey = jest.fn(async () => key());
    expect((await verifyToken({ format, findKey }, token, null, now)).valid).toBe(true);
    expect(findKey).toHaveBeenCalledWith(hashToken(token));
  });
});
