import type { KeyRecord } from '../../../../lib/tokens/types';
import { aggregate } from '../../../../lib/usage/aggregate';
import { seqAfter } from '../../../../lib/usage/ledger';
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
/** The state after `n` requests from one address, an hour apart, the first 48 hours before t0. */
const history = (n: number) =>
  aggregate(
    emptyState(),
    key,
    Array.from({ length: n }, (_, i) => use({ at: t0 - 48 * HOUR + i * HOUR })),
  ).state;
const newIpAlert = (ip: string, priorRequests: number, addresses = 1) =>
  expect.objectContaining({ kind: 'new_ip', details: { ip, priorRequests, addresses } });

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

  it('keeps at most 50 addresses, the busiest, and adds the rest to an "other" total', () => {
    const events = Array.from({ length: 300 }, (_, i) =>
      use({ ip: `10.0.${Math.floor(i / 250)}.${i % 250}`, at: t0 + i }),
    );
    const busy = Array.from({ length: 5 }, () => use({ ip: '127.0.0.9', at: t0 + 400 }));
    const { state } = aggregate(emptyState(), key, [...events, ...busy]);
    expect(Object.keys(state.ips)).toHaveLength(50);
    expect(state.ips['127.0.0.9']?.requests).toBe(5);
    expect(state.otherIps).toEqual({ requests: 251, addresses: 251 });
    expect(JSON.stringify(state).length).toBeLessThan(20_000);
  });

  it('alerts on a new address after 20 requests from known ones, not after 19', () => {
    expect(aggregate(history(19), key, [use({ ip: '127.0.0.7' })]).raised).toEqual([]);
    expect(aggregate(history(20), key, [use({ ip: '127.0.0.7' })]).raised).toEqual([newIpAlert('127.0.0.7', 20)]);
    expect(aggregate(history(20), key, [use({ ip: '127.0.0.2' })]).raised).toEqual([]);
  });

  it('alerts on a new address only once the first use is 24 hours earlier, not 23 h 59 min', () => {
    const first = t0 - 30 * HOUR;
    const known = aggregate(
      emptyState(),
      key,
      Array.from({ length: 20 }, (_, i) => use({ at: first + i * 1000 })),
    ).state;
    const newIpAt = (at: number) => aggregate(known, key, [use({ ip: '127.0.0.7', at })]).raised;
    expect(newIpAt(first + 23 * HOUR + 59 * 60_000)).toEqual([]);
    expect(newIpAt(first + 24 * HOUR)).toEqual([newIpAlert('127.0.0.7', 20)]);
  });

  it('keeps the newest 20 alerts', () => {
    let state = history(20);
    for (let i = 0; i < 25; i++) state = aggregate(state, key, [use({ ip: `10.9.0.${i}`, at: t0 + i })]).state;
    expect(state.alerts.map((alert) => alert.details.ip)).toEqual(
      Array.from({ length: 20 }, (_, i) => `10.9.0.${i + 5}`),
    );
  });

  it('summarises a batch’s new addresses in one alert that names the first and counts them all', () => {
    const known = history(20);
    const batch = Array.from({ length: 1_000 }, (_, i) => use({ ip: `10.${i >> 8}.${i & 255}.1`, at: t0 + i }));
    const { raised, state } = aggregate(known, key, batch);
    const newIps = raised.filter((alert) => alert.kind === 'new_ip');
    expect(newIps).toEqual([newIpAlert('10.0.0.1', 20, 1_000)]);
    expect(newIps[0]?.message).toBe(
      'First use from 10.0.0.1 and 999 other new addresses after 20 requests from known addresses',
    );
    expect(state.alerts.filter((alert) => alert.kind === 'new_ip')).toHaveLength(1);
  });

  it('alerts on an hour of more than 100 requests against a low baseline, once, and not on steady use', () => {
    const steady = Array.from({ length: 48 }, (_, i) => use({ at: t0 - 48 * HOUR + i * HOUR }));
    const known = aggregate(emptyState(), key, steady);
    expect(known.raised).toEqual([]);
    const burst = (n: number) => Array.from({ length: n }, (_, i) => use({ at: t0 + i }));
    expect(aggregate(known.state, key, burst(100)).raised).toEqual([]);
    const spike = aggregate(known.state, key, burst(150));
    expect(spike.raised.filter((a) => a.kind === 'volume_spike')).toHaveLength(1);
    expect(spike.raised[0]?.details).toMatchObject({ requests: 101, baselinePerHour: 1 });
  });

  it('alerts on an hour only above 10 times the hourly baseline: 201 requests against 20 an hour', () => {
    // An older first use, then 20 requests in each of the 24 hours before t0's hour (in stream order).
    const firstUse = use({ at: t0 - 30 * HOUR });
    const steady = Array.from({ length: 24 * 20 }, (_, i) => use({ at: t0 - 24 * HOUR + Math.floor(i / 20) * HOUR }));
    const known = aggregate(emptyState(), key, [firstUse, ...steady]).state;
    const burst = (n: number) => Array.from({ length: n }, (_, i) => use({ at: t0 + i }));
    expect(aggregate(known, key, burst(200)).raised).toEqual([]);
    expect(aggregate(known, key, burst(201)).raised).toEqual([
      expect.objectContaining({
        kind: 'volume_spike',
        details: expect.objectContaining({ requests: 201, baselinePerHour: 20 }),
      }),
    ]);
  });

  it('counts a use before the revocation as allowed and one at or after it as revoked', () => {
    const revokedAt = new Date(t0).toISOString();
    const result = aggregate(emptyState(), { ...key, revokedAt }, [
      use({ at: t0 - 1 }),
      use({ at: t0 }),
      use({ at: t0 + 1 }),
    ]);
    expect(result.days.get('2026-03-10')).toEqual({ requests: 3, refused: { revoked: 2 } });
    expect(result.state.lastUsedAt).toBe(t0 - 1);
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
    expect([revoked.raised[0]?.message, expired.raised[0]?.message]).toEqual([
      'Use of a revoked token from 127.0.0.2',
      'Use of an expired token from 127.0.0.2',
    ]);
  });
});
