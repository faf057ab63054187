import type { UsageReport } from '../../../../lib/contract';
import { leakAlert, withLeakAlert } from '../../../../lib/usage/leak-alert';

const revokedAt = '2026-11-20T10:00:00.000Z';
const alert = (kind: 'revoked_use' | 'new_ip', at: string) => ({ kind, at, message: kind, details: {} });
const report = (alerts: UsageReport['alerts']): UsageReport => ({
  id: 't',
  lastUsedAt: null,
  requests: { day: 0, week: 0, month: 0 },
  refused: { revoked: 0, expired: 0, insufficient_scope: 0 },
  daily: [],
  hourly: [],
  ips: [],
  otherIps: { requests: 0, addresses: 0 },
  alerts,
});

describe('the leak alert', () => {
  it('names the reporter and the url, at the revocation', () => {
    expect(
      leakAlert({ revokedAt, leak: { reporter: 'github-secret-scanning', url: 'https://github.com/o/r' } }),
    ).toEqual({
      kind: 'leak_reported',
      at: revokedAt,
      message: 'Reported leaked by github-secret-scanning; revoked',
      details: { reporter: 'github-secret-scanning', url: 'https://github.com/o/r' },
    });
    expect(leakAlert({ revokedAt, leak: { reporter: 'leak-report' } })?.details).toEqual({ reporter: 'leak-report' });
  });

  it('is absent for a token its owner revoked, and for one not revoked', () => {
    expect(leakAlert({ revokedAt })).toBeUndefined();
    expect(leakAlert({ leak: { reporter: 'leak-report' } })).toBeUndefined();
    const plain = report([alert('new_ip', revokedAt)]);
    expect(withLeakAlert(plain, { revokedAt })).toBe(plain);
  });

  it('sits among the other alerts newest first: after a later use while revoked, before an earlier new address', () => {
    const later = alert('revoked_use', '2026-11-21T00:00:00.000Z');
    const earlier = alert('new_ip', '2026-11-19T00:00:00.000Z');
    const kinds = withLeakAlert(report([later, earlier]), { revokedAt, leak: { reporter: 'leak-report' } }).alerts.map(
      ({ kind }) => kind,
    );
    expect(kinds).toEqual(['revoked_use', 'leak_reported', 'new_ip']);
  });
});
