import { DAY_MS } from '../../../../lib/time';
import { isExpired, tokenStatus } from '../../../../lib/tokens/status';

const now = new Date('2026-03-10T12:00:00.000Z');
const inDays = (days: number): Date => new Date(now.getTime() + days * DAY_MS);

describe('token status', () => {
  it('is active without an expiry', () => {
    expect(tokenStatus(null, now)).toEqual({ status: 'active', expiresInDays: null });
  });

  it('is active when expiry is more than 7 days away', () => {
    expect(tokenStatus(inDays(7.01), now)).toEqual({ status: 'active', expiresInDays: null });
  });

  it('is expiring within 7 days, with the days left rounded up', () => {
    expect(tokenStatus(inDays(7), now)).toEqual({ status: 'expiring', expiresInDays: 7 });
    expect(tokenStatus(inDays(6.5), now)).toEqual({ status: 'expiring', expiresInDays: 7 });
    expect(tokenStatus(inDays(3), now)).toEqual({ status: 'expiring', expiresInDays: 3 });
    expect(tokenStatus(new Date(now.getTime() + 1000), now)).toEqual({ status: 'expiring', expiresInDays: 1 });
  });

  it('is expired at and after the expiry instant', () => {
    expect(tokenStatus(now, now)).toEqual({ status: 'expired', expiresInDays: null });
    expect(tokenStatus(inDays(-30), now)).toEqual({ status: 'expired', expiresInDays: null });
    expect(isExpired(now, now)).toBe(true);
    expect(isExpired(new Date(now.getTime() + 1), now)).toBe(false);
    expect(isExpired(null, now)).toBe(false);
  });
});
