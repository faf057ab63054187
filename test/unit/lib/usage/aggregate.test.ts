import type { KeyRecord } from '../../../../lib/tokens/types';
import { aggregate, ESTABLISHED_REQUESTS, MAX_IPS, seqAfter } from '../../../../lib/usage/aggregate';
import { emptyState, type UseEvent } from '../../../../lib/usage/types';

const key: KeyRecord = { userId: 'alice', tokenId: 'tok', scopes: ['cases:read'], expiresAt: null, revokedAt: null };
const t0 = Date.parse('2026-03-10T22:30:00.000Z');
const HOUR = 3_600_000;
let seq = 1000;
const use = (overrides: Partial<UseEvent> = {}): UseEvent => ({
  seq: String(seq++),
  keyHash: 'h',
  at: t0,
  ip: '127.0.0.2',
  route: 'GET /v1/{module}',
  requirement: { module: 'cases', access: 'read' },
  ...overrides,
});

describe('aggregate', () => {
  it('counts requests per UTC hour and day, across hour and day boundaries', () => {
    const result = aggregate(emptyState(), key, [
      use({ at: t0 }),
      use({ at: t0 + 20 * 60_000 }),
      use({ at: t0 + 40 * 60_000 }),
      use({ at: t0 + 2 * HOUR }),
    ]);
    expect(result.state.recentHours).toEqual({
      '2026-03-10T22': 2,
      '2026-03-10T23': 1,
      '2026-03-11T00': 1,
    });
    expect(Object.fromEntries([...result.days].map(([d, c]) => [d, c.requests]))).toEqual({
      '2026-03-10': 3,
      '2026-03-11': 1,
    });
    expect(result.state.total).toBe(4);
    expect(result.state.lastUsedAt).toBe(t0 + 2 * HOUR);
  });

  it('counts source addresses with first and last seen', () => {
    const { state } = aggregate(emptyState(), key, [
      use({ ip: '127.0.0.2', at: t0 }),
      use({ ip: '127.0.0.3', at: t0 + 1000 }),
      use({ ip: '127.0.0.2', at: t0 + 2000 }),
    ]);
    expect(state.ips).toEqual({
      '127.0.0.2': { requests: 2, firstSeenAt: t0, lastSeenAt: t0 + 2000 },
      '127.0.0.3': { requests: 1, firstSeenAt: t0 + 1000, lastSeenAt: t0 + 1000 },
    });
  });

  it('skips events at or below the watermark, so a replayed batch counts nothing twice', () => {
    const events = [use(), use(), use()];
    const first = aggregate(emptyState(), key, events);
    const replay = aggregate(first.state, key, events);
    expect(replay.state).toEqual(first.state);
    expect(replay.days.size).toBe(0);
    const partial = aggregate(first.state, key, [...events.slice(1), use()]);
    expect(partial.state.total).toBe(4);
  });

  it('compares sequence numbers as numbers, whatever their length', () => {
    expect(seqAfter('100000000000000000000000010', '99999999999999999999999999')).toBe(true);
    expect(seqAfter('5', '40')).toBe(false);
    expect(seqAfter('1', null)).toBe(true);
  });

  it('counts refusals by reason, judged at the time of each request, and only allowed uses as last used', () => {
    const revokedAt = new Date(t0 + 1000).toISOString();
    const result = aggregate(emptyState(), { ...key, revokedAt }, [
      use({ at: t0 }),
      use({ at: t0 + 2000 }),
      use({ at: t0 + 500, seq: String(seq++), requirement: { module: 'cases', access: 'write' } }),
    ]);
    expect(result.days.get('2026-03-10')).toEqual({ requests: 3, refused: { revoked: 1, insufficient_scope: 1 } });
    expect(result.state.lastUsedAt).toBe(t0);
    const expired = aggregate(emptyState(), { ...key, expiresAt: new Date(t0 - 1).toISOString() }, [use()]);
    expect(expired.days.get('2026-03-10')?.refused).toEqual({ expired: 1 });
    expect(expired.state.lastUsedAt).toBeNull();
  });

  it(`keeps at most ${MAX_IPS} addresses, the busiest, and adds the rest to an "other" total`, () => {
    const events = Array.from({ length: 300 }, (_, i) =>
      use({ ip: `10.0.${Math.floor(i / 250)}.${i % 250}`, at: t0 + i }),
    );
    const busy = Array.from({ length: 5 }, () => use({ ip: '127.0.0.9', at: t0 + 400 }));
    const { state } = aggregate(emptyState(), key, [...events, ...busy]);
    expect(Object.keys(state.ips)).toHaveLength(MAX_IPS);
    expect(state.ips['127.0.0.9']?.requests).toBe(5);
    expect(state.otherIps).toEqual({ requests: 300 - (MAX_IPS - 1), addresses: 300 - (MAX_IPS - 1) });
    expect(JSON.stringify(state).length).toBeLessThan(20_000);
  });

  it('alerts on a new address once the token has an established history, and not before', () => {
    const history = Array.from({ length: ESTABLISHED_REQUESTS }, (_, i) => use({ at: t0 - 48 * HOUR + i * HOUR }));
    const early = aggregate(emptyState(), key, [history[0] as UseEvent, use({ at: t0 - 47 * HOUR, ip: '127.0.0.5' })]);
    expect(early.raised).toEqual([]);
    const known = aggregate(emptyState(), key, history);
    const fresh = aggregate(known.state, key, [use({ ip: '127.0.0.7' })]);
    expect(fresh.raised).toEqual([
      expect.objectContaining({ kind: 'new_ip', details: { ip: '127.0.0.7', priorRequests: ESTABLISHED_REQUESTS } }),
    ]);
    expect(aggregate(known.state, key, [use({ ip: '127.0.0.2' })]).raised).toEqual([]);
  });

  it('alerts on an hour far above the hourly baseline, once, and not on steady use', () => {
    const steady = Array.from({ length: 48 }, (_, i) => use({ at: t0 - 48 * HOUR + i * HOUR }));
    const known = aggregate(emptyState(), key, steady);
    expect(known.raised).toEqual([]);
    const burst = Array.from({ length: 150 }, (_, i) => use({ at: t0 + i }));
    const spike = aggregate(known.state, key, burst);
    expect(spike.raised.filter((a) => a.kind === 'volume_spike')).toHaveLength(1);
    expect(spike.raised[0]?.details).toMatchObject({ requests: 101 });
  });

  it('alerts on use of a revoked or an expired token, once per hour', () => {
    const revoked = aggregate(emptyState(), { ...key, revokedAt: new Date(t0 - 1).toISOString() }, [
      use(),
      use(),
      use({ at: t0 + HOUR }),
    ]);
    expect(revoked.raised.map((a) => a.kind)).toEqual(['revoked_use', 'revoked_use']);
    const expired = aggregate(emptyState(), { ...key, expiresAt: new Date(t0 - 1).toISOString() }, [use()]);
    expect(expired.raised.map((a) => a.kind)).toEqual(['expired_use']);
    expect(aggregate(emptyState(), key, [use()]).raised).toEqual([]);
  });
});
