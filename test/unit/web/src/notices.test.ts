import type { ExpiryNotice, LeakNotice, TokenView } from '../../../../lib/contract';
import { noticeSubject, shownNotices } from '../../../../web/src/notices';

const now = new Date('2026-11-23T15:30:00Z');

const notice = (tokenId: string, kind: ExpiryNotice['kind'], expiresAt: string): ExpiryNotice => ({
  noticeId: `${tokenId}:${kind === 'expired' ? 'expired' : 7}`,
  kind,
  at: '2026-11-23T15:00:00.000Z',
  tokenId,
  tokenName: `name of ${tokenId}`,
  hint: `mp_live_…${tokenId}`,
  expiresAt,
  daysLeft: kind === 'expired' ? 0 : 7,
  threshold: kind === 'expired' ? 0 : 7,
});

const token = (id: string, change: Partial<TokenView> = {}): TokenView => ({
  id,
  name: `Token ${id}`,
  scopes: ['*:read'],
  createdAt: '2026-10-01T00:00:00.000Z',
  expiresAt: '2026-11-30T15:00:00.000Z',
  lastUsedAt: null,
  status: 'expiring',
  expiresInDays: 7,
  hint: `mp_live_…${id}`,
  description: null,
  disabled: false,
  revokedAt: null,
  graceUntil: null,
  replacedBy: null,
  ...change,
});

const soon = '2026-11-30T15:00:00.000Z';
const past = '2026-11-22T15:00:00.000Z';

describe('the notices the page shows', () => {
  it('shows a listed token’s newest notice only, under its current name, with its row', () => {
    const shown = shownNotices([notice('a', 'expiring', soon), notice('a', 'expiring', soon)], [token('a')], now);
    expect(shown).toEqual([
      { notice: notice('a', 'expiring', soon), name: 'Token a', hint: 'mp_live_…a', listed: true, expired: false },
    ]);
  });

  it('hides the notices of tokens revoked or rolled since, and warnings of tokens no longer listed', () => {
    const rolled = token('r', { graceUntil: '2026-11-24T15:00:00.000Z', replacedBy: 'n' });
    const shown = shownNotices(
      [notice('v', 'expiring', soon), notice('r', 'expiring', soon), notice('gone', 'expiring', soon)],
      [token('v', { status: 'revoked', revokedAt: '2026-11-23T15:10:00.000Z' }), rolled],
      now,
    );
    expect(shown).toEqual([]);
  });

  it('still tells of an expired token whose row is not on the page, without a way to it', () => {
    const [shown] = shownNotices([notice('x', 'expired', past)], [], now);
    expect(shown).toMatchObject({ name: 'name of x', hint: 'mp_live_…x', listed: false, expired: true });
  });

  it('words a warning whose token has expired since as expired, by the page’s clock', () => {
    const [shown] = shownNotices([notice('a', 'expiring', past)], [token('a', { status: 'expired' })], now);
    expect(shown?.expired).toBe(true);
  });

  it('always tells of a token a leak report revoked, listed as revoked or not listed at all, over its warnings', () => {
    const leak = (tokenId: string): LeakNotice => ({
      noticeId: `${tokenId}:leaked`,
      kind: 'revoked_leaked',
      at: '2026-11-23T15:10:00.000Z',
      tokenId,
      tokenName: `name of ${tokenId}`,
      hint: null,
      reporter: 'leak-report',
      url: null,
    });
    const shown = shownNotices(
      [leak('v'), notice('v', 'expiring', soon), leak('gone')],
      [token('v', { status: 'revoked', revokedAt: '2026-11-23T15:10:00.000Z' })],
      now,
    );
    expect(shown.map(({ notice: { kind, tokenId }, expired }) => [kind, tokenId, expired])).toEqual([
      ['revoked_leaked', 'v', false],
      ['revoked_leaked', 'gone', false],
    ]);
  });

  it('names a token by its name and hint, or its name alone when it has no hint', () => {
    expect(noticeSubject({ name: 'Zapier', hint: 'mp_live_…x9Qa' })).toBe('“Zapier” (mp_live_…x9Qa)');
    expect(noticeSubject({ name: 'Zapier', hint: null })).toBe('“Zapier”');
  });
});
