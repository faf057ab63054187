import { keys } from '../../../../lib/storage/keys';
import type { KeyRecord } from '../../../../lib/tokens/types';
import { aggregate } from '../../../../lib/usage/aggregate';
import { hourlyCounts, usageReport } from '../../../../lib/usage/report';
import { emptyState, type UseEvent } from '../../../../lib/usage/types';

const key: KeyRecord = { userId: 'alice', tokenId: 'tok', scopes: ['cases:read'], expiresAt: null, revokedAt: null };
const now = new Date('2026-11-24T07:20:00.000Z');
let seq = 1000;
const use = (at: string): UseEvent => ({
  seq: String(seq++),
  keyHash: 'h',
  at: Date.parse(at),
  ip: '127.0.0.2',
  route: 'GET /v1/{module}',
  requirement: { module: 'cases', access: 'read' },
});

/** The report at `now` of a token used at `uses`, folded by the real aggregator into the items storage holds. */
const reportAfter = (uses: string[]) => {
  const { state } = aggregate(emptyState(), key, uses.map(use));
  return usageReport('tok', [{ ...keys.usageSummary('tok'), state }], now);
};

/** The hours of the report that had requests, by their start. */
const busyHours = (hourly: readonly { hour: string; requests: number }[]) =>
  Object.fromEntries(hourly.filter(({ requests }) => requests > 0).map(({ hour, requests }) => [hour, requests]));

describe('the usage report, hour by hour', () => {
  it('lists 24 hours, oldest first, each named by its start, the current UTC hour last, zero-filled', () => {
    const { hourly } = usageReport('tok', [], now);
    expect(hourly).toHaveLength(24);
    expect(hourly[0]).toEqual({ hour: '2026-11-23T08:00:00.000Z', requests: 0 });
    expect(hourly[23]).toEqual({ hour: '2026-11-24T07:00:00.000Z', requests: 0 });
    expect(hourly.map(({ hour }) => Date.parse(hour))).toEqual(
      Array.from({ length: 24 }, (_, i) => Date.parse('2026-11-23T08:00:00.000Z') + i * 3_600_000),
    );
    expect(hourly.every(({ requests }) => requests === 0)).toBe(true);
  });

  it('counts the current hour from its first millisecond and the hour 23 hours before it, not the hour 24 hours before', () => {
    const report = reportAfter([
      '2026-11-23T07:59:59.999Z',
      '2026-11-23T08:00:00.000Z',
      '2026-11-23T08:59:59.999Z',
      '2026-11-24T02:30:00.000Z',
      '2026-11-24T07:00:00.000Z',
      '2026-11-24T07:19:59.999Z',
    ]);
    expect(busyHours(report.hourly)).toEqual({
      '2026-11-23T08:00:00.000Z': 2,
      '2026-11-24T02:00:00.000Z': 1,
      '2026-11-24T07:00:00.000Z': 2,
    });
  });

  it('adds up to the requests of the last 24 hours, the hour 24 hours before left out of both', () => {
    const report = reportAfter([
      '2026-11-23T07:30:00.000Z',
      '2026-11-23T07:45:00.000Z',
      '2026-11-23T12:00:00.000Z',
      '2026-11-24T06:59:00.000Z',
      '2026-11-24T07:01:00.000Z',
    ]);
    expect(report.requests.day).toBe(3);
    expect(report.hourly.reduce((sum, { requests }) => sum + requests, 0)).toBe(report.requests.day);
  });

  it('reads only the hours it is given, whatever else the summary holds', () => {
    const hours = { '2026-11-24T07': 4, '2026-11-24T06': 1, '2026-11-23T07': 9, '2026-11-24T08': 2 };
    expect(busyHours(hourlyCounts(hours, now))).toEqual({
      '2026-11-24T06:00:00.000Z': 1,
      '2026-11-24T07:00:00.000Z': 4,
    });
  });
});
