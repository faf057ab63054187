import { alertsByUrgency, alertSummary } from '../../../../web/src/alerts';
import { axisTicks, axisTop, barsOf } from '../../../../web/src/chart';
import { neighbourOf } from '../../../../web/src/neighbour';
import { recentUse } from '../../../../web/src/recent-use';
import { relativeTime } from '../../../../web/src/relative-time';
import { MAX_ROW_REPORTS, rowReportIds } from '../../../../web/src/row-usage';
import { flagsUnused } from '../../../../web/src/unused';
import type { TokenView, UsageAlert } from '../../../../lib/contract';

const now = new Date('2026-11-23T15:30:00.000Z');
const before = (ms: number) => new Date(now.getTime() - ms).toISOString();
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('the settings page: relative times', () => {
  it.each([
    [10_000, 'just now'],
    [44_000, 'just now'],
    [2 * MINUTE, '2 min ago'],
    [59 * MINUTE, '59 min ago'],
    [HOUR, '1 h ago'],
    [23 * HOUR + 59 * MINUTE, '23 h ago'],
    [DAY, '1 day ago'],
    [40 * DAY, '40 days ago'],
    [-3 * DAY, 'in 3 days'],
    [-5 * MINUTE, 'in 5 min'],
  ])('says %d ms before now as %j', (ms, text) => {
    expect(relativeTime(before(ms), now)).toBe(text);
  });

  it('shows a value that is no time as it is', () => {
    expect(relativeTime('not a time', now)).toBe('not a time');
  });
});

describe('the settings page: the never-used flag', () => {
  it('waits a day before flagging a token that was never used', () => {
    expect(flagsUnused({ createdAt: before(5 * MINUTE), lastUsedAt: null }, now)).toBe(false);
    expect(flagsUnused({ createdAt: before(DAY), lastUsedAt: null }, now)).toBe(false);
    expect(flagsUnused({ createdAt: before(DAY + MINUTE), lastUsedAt: null }, now)).toBe(true);
  });

  it('never flags a token that was used', () => {
    expect(flagsUnused({ createdAt: before(40 * DAY), lastUsedAt: before(39 * DAY) }, now)).toBe(false);
  });
});

const alert = (kind: UsageAlert['kind'], at: string): UsageAlert => ({ kind, at, message: kind, details: {} });

describe('the settings page: alert summary', () => {
  it('groups alerts by kind, most alarming kind first, with the newest time of each', () => {
    const alerts = [
      alert('new_ip', before(HOUR)),
      alert('volume_spike', before(2 * HOUR)),
      alert('new_ip', before(3 * DAY)),
      alert('expired_use', before(5 * DAY)),
      alert('revoked_use', before(6 * DAY)),
    ];
    expect(alertSummary(alerts)).toEqual([
      { kind: 'revoked_use', label: 'Used while revoked', count: 1, latest: before(6 * DAY) },
      { kind: 'expired_use', label: 'Used after expiry', count: 1, latest: before(5 * DAY) },
      { kind: 'volume_spike', label: 'Spike', count: 1, latest: before(2 * HOUR) },
      { kind: 'new_ip', label: 'New address', count: 2, latest: before(HOUR) },
    ]);
  });

  it('has nothing to say about a token without alerts', () => {
    expect(alertSummary([])).toEqual([]);
  });

  it('lists alerts newest first, the more alarming first at the same time', () => {
    const at = before(MINUTE);
    const sorted = alertsByUrgency([alert('new_ip', before(DAY)), alert('new_ip', at), alert('volume_spike', at)]);
    expect(sorted.map(({ kind, at: time }) => [kind, time])).toEqual([
      ['volume_spike', at],
      ['new_ip', at],
      ['new_ip', before(DAY)],
    ]);
  });
});

describe('the settings page: recent use before revoking', () => {
  it('says when the token was last used and how much in the last 24 hours', () => {
    expect(recentUse({ lastUsedAt: before(2 * MINUTE), requests: { day: 130, week: 200, month: 900 } }, now)).toBe(
      'Used 2 min ago, 130 requests in the last 24 hours.',
    );
    expect(recentUse({ lastUsedAt: before(3 * DAY), requests: { day: 0, week: 4, month: 9 } }, now)).toBe(
      'Used 3 days ago, no requests in the last 24 hours.',
    );
  });

  it('says a token was never used', () => {
    expect(recentUse({ lastUsedAt: null, requests: { day: 0, week: 0, month: 0 } }, now)).toBe('Never used.');
  });
});

const token = (id: string, status: TokenView['status']): TokenView => ({
  id,
  name: id,
  hint: '',
  description: null,
  disabled: false,
  revokedAt: null,
  graceUntil: null,
  replacedBy: null,
  scopes: ['*:read'],
  createdAt: before(DAY),
  expiresAt: null,
  lastUsedAt: null,
  status,
  expiresInDays: null,
});

describe('the settings page: usage asked for by the rows', () => {
  it('asks only for working tokens, at most ten', () => {
    const tokens = [
      ...Array.from({ length: 12 }, (_, i) => token(`w${i}`, i % 2 === 0 ? 'active' : 'expiring')),
      token('gone', 'expired'),
    ];
    const ids = rowReportIds(tokens);
    expect(ids).toHaveLength(MAX_ROW_REPORTS);
    expect(ids).not.toContain('gone');
    expect(ids[0]).toBe('w0');
  });
});

describe('the settings page: focus after a row leaves', () => {
  const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
  it('moves to the next row, else the one before, else nowhere', () => {
    expect(neighbourOf(rows, 'b')).toEqual({ id: 'c' });
    expect(neighbourOf(rows, 'c')).toEqual({ id: 'b' });
    expect(neighbourOf([{ id: 'a' }], 'a')).toBeNull();
    expect(neighbourOf(rows, 'zz')).toBeNull();
  });
});

describe('the settings page: chart axis', () => {
  it.each([
    [0, 1],
    [1, 1],
    [2, 2],
    [3, 5],
    [7, 10],
    [10, 10],
    [130, 200],
    [4_999, 5_000],
  ])('tops the axis for a busiest day of %d at %d', (max, top) => {
    expect(axisTop(max)).toBe(top);
  });

  it('labels zero, the middle when whole, and the top', () => {
    expect(axisTicks(200)).toEqual([0, 100, 200]);
    expect(axisTicks(5)).toEqual([0, 5]);
  });

  it('scales bars to the axis, not to the busiest day', () => {
    const bars = barsOf([{ day: '2026-11-23', requests: 130 }], { width: 100, height: 102, gap: 0, minHeight: 2 });
    expect(bars[0]?.height).toBe(67);
  });
});
