import { DAY_MS } from '../../../../lib/time';
import { workingUntil } from '../../../../lib/tokens/grace';
import { rolledExpiry } from '../../../../lib/tokens/roll';
import { rollTokenSchema } from '../../../../lib/tokens/roll-schema';
import { outcomeOf } from '../../../../lib/usage/aggregate';

const now = new Date('2026-03-10T12:00:00.000Z');
const createdAt = '2025-03-10T12:00:00.000Z';

describe('rolledExpiry', () => {
  it('gives the new token the old one’s whole lifetime again, counted from the roll', () => {
    const old = { createdAt, expiresAt: new Date(Date.parse(createdAt) + 365 * DAY_MS).toISOString() };
    expect(rolledExpiry(old, now, undefined)).toBe(new Date(now.getTime() + 365 * DAY_MS).toISOString());
  });

  it('keeps a token without expiry without one', () => {
    expect(rolledExpiry({ createdAt, expiresAt: null }, now, undefined)).toBeNull();
  });

  it('cuts the lifetime to the configured maximum, and gives a token without expiry that maximum', () => {
    const old = { createdAt, expiresAt: new Date(Date.parse(createdAt) + 90 * DAY_MS).toISOString() };
    const inThirtyDays = new Date(now.getTime() + 30 * DAY_MS).toISOString();
    expect(rolledExpiry(old, now, 30)).toBe(inThirtyDays);
    expect(rolledExpiry({ createdAt, expiresAt: null }, now, 30)).toBe(inThirtyDays);
  });
});

describe('workingUntil', () => {
  it('is the sooner of expiry and grace end, or null for a token that never ends', () => {
    expect(workingUntil({ expiresAt: null })).toBeNull();
    expect(workingUntil({ expiresAt: createdAt })).toBe(createdAt);
    expect(workingUntil({ expiresAt: null, graceUntil: createdAt })).toBe(createdAt);
    expect(workingUntil({ expiresAt: now.toISOString(), graceUntil: createdAt })).toBe(createdAt);
    expect(workingUntil({ expiresAt: createdAt, graceUntil: now.toISOString() })).toBe(createdAt);
  });
});

describe('the roll body', () => {
  it('defaults the grace to none', () => {
    expect(rollTokenSchema.parse({})).toEqual({ graceSeconds: 0 });
  });

  it('accepts 0 to 7 days in whole seconds', () => {
    expect(rollTokenSchema.parse({ graceSeconds: 604800 })).toEqual({ graceSeconds: 604800 });
  });

  it.each([[-1], [604801], [1.5], ['60'], [null]])('refuses a grace of %p', (graceSeconds) => {
    expect(rollTokenSchema.safeParse({ graceSeconds }).success).toBe(false);
  });

  it('refuses unknown fields', () => {
    expect(rollTokenSchema.safeParse({ graceSeconds: 0, name: 'x' }).success).toBe(false);
  });
});

describe('uses of a rolled token, as the usage consumer judges them', () => {
  const key = {
    userId: 'alice',
    tokenId: 'tok-1',
    scopes: ['cases:read'],
    expiresAt: null,
    revokedAt: null,
    graceUntil: now.toISOString(),
  };
  const use = (at: number) => ({
    seq: '1',
    keyHash: 'h',
    at,
    ip: '198.51.100.1',
    route: 'GET /v1/cases',
    requirement: null,
  });

  it('counts a use before the grace ends as allowed and one from its end on as a use while revoked', () => {
    expect(outcomeOf(key, use(now.getTime() - 1))).toBe('allowed');
    expect(outcomeOf(key, use(now.getTime()))).toBe('revoked');
  });
});
