import { statusBadge } from '../../../../web/src/badge';
import { barsOf, totalOf } from '../../../../web/src/chart';
import { endOfLocalDay, expiresAtOf, expiryFor } from '../../../../web/src/expiry';
import { modulesOf, scopeLabel, scopesFor } from '../../../../web/src/scopes';

const DAY_MS = 86_400_000;
const now = new Date(2026, 10, 23, 15, 30);

describe('the settings page: expiry choices', () => {
  it.each([
    ['7d', 7],
    ['30d', 30],
    ['90d', 90],
    ['1y', 365],
  ] as const)('%s counts whole days from now', (choice, days) => {
    expect(expiryFor(choice, '', now)).toEqual({ kind: 'at', at: new Date(now.getTime() + days * DAY_MS) });
  });

  it('sends null for never', () => {
    expect(expiresAtOf({ kind: 'never' })).toBeNull();
  });

  it('ends a custom date with the last millisecond of that local day', () => {
    expect(expiryFor('custom', '2026-12-31', now)).toEqual({ kind: 'at', at: new Date(2026, 11, 31, 23, 59, 59, 999) });
    expect(expiryFor('custom', '2026-11-23', now)).toEqual({ kind: 'at', at: new Date(2026, 10, 23, 23, 59, 59, 999) });
  });

  it.each([
    ['', 'Choose an expiration date.'],
    ['2026-02-30', 'Enter a valid date.'],
    ['31/12/2026', 'Enter a valid date.'],
    ['2026-11-22', 'Choose today or a later date.'],
  ])('refuses the custom date %j', (value, message) => {
    expect(expiryFor('custom', value, now)).toEqual({ kind: 'invalid', message });
  });

  it('reads only real calendar days', () => {
    expect(endOfLocalDay('2028-02-29')).toEqual(new Date(2028, 1, 29, 23, 59, 59, 999));
    expect(endOfLocalDay('2027-02-29')).toBeNull();
  });
});

describe('the settings page: scopes', () => {
  it.each([
    ['*:read', 'All modules: read'],
    ['*:write', 'All modules: read & write'],
    ['cases:read', 'cases: read'],
    ['invoices:write', 'invoices: read & write'],
  ])('labels %s as %j', (scope, label) => {
    expect(scopeLabel(scope)).toBe(label);
  });

  it('offers the modules of GET /scopes, without the wildcard', () => {
    expect(
      modulesOf(['*:read', '*:write', 'applicants:read', 'applicants:write', 'cases:read', 'cases:write']),
    ).toEqual(['applicants', 'cases']);
  });

  it('asks for one wildcard scope, or one scope per module given access', () => {
    expect(scopesFor('*:read', { cases: 'write' })).toEqual(['*:read']);
    expect(scopesFor('modules', { applicants: 'none', cases: 'write', invoices: 'read' })).toEqual([
      'cases:write',
      'invoices:read',
    ]);
    expect(scopesFor('modules', { applicants: 'none' })).toEqual([]);
  });
});

describe('the settings page: badges and chart', () => {
  it('badges expired red, expiring yellow with its days, anything else active', () => {
    expect(statusBadge({ status: 'expired', expiresInDays: null, disabled: false, graceUntil: null })).toEqual({
      className: 'badge badge-expired',
      text: 'Expired',
    });
    expect(statusBadge({ status: 'expiring', expiresInDays: 3, disabled: false, graceUntil: null })).toEqual({
      className: 'badge badge-expiring',
      text: 'Expires in 3d',
    });
    expect(statusBadge({ status: 'active', expiresInDays: null, disabled: false, graceUntil: null }).text).toBe(
      'Active',
    );
  });

  it('badges a rolled token in its grace Replaced, unless it has expired or been revoked', () => {
    const graceUntil = '2026-11-25T00:00:00.000Z';
    expect(statusBadge({ status: 'expiring', expiresInDays: 1, disabled: false, graceUntil })).toEqual({
      className: 'badge badge-replaced',
      text: 'Replaced',
    });
    expect(statusBadge({ status: 'expired', expiresInDays: null, disabled: false, graceUntil }).text).toBe('Expired');
    expect(statusBadge({ status: 'revoked', expiresInDays: null, disabled: false, graceUntil }).text).toBe('Revoked');
  });

  it('draws the busiest day full height and an empty day at the minimum height', () => {
    const daily = [
      { day: '2026-11-21', requests: 0 },
      { day: '2026-11-22', requests: 5 },
      { day: '2026-11-23', requests: 10 },
    ];
    const bars = barsOf(daily, { width: 300, height: 100, gap: 2, minHeight: 2 });
    expect(bars.map(({ height }) => height)).toEqual([2, 51, 100]);
    expect(bars.map(({ x }) => x)).toEqual([1, 101, 201]);
    expect(bars.every(({ width, y, height }) => width === 98 && y + height === 100)).toBe(true);
    expect(totalOf(daily)).toBe(15);
  });
});
