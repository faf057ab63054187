import type { UsageAlert, UsageAlertKind } from '../../lib/contract';

/** Alert kinds, most alarming first, with the words a row shows for them. */
export const ALERT_KINDS: readonly { kind: UsageAlertKind; label: string }[] = [
  { kind: 'leak_reported', label: 'Reported leaked' },
  { kind: 'revoked_use', label: 'Used while revoked' },
  { kind: 'expired_use', label: 'Used after expiry' },
  { kind: 'volume_spike', label: 'Spike' },
  { kind: 'new_ip', label: 'New address' },
];

export interface AlertGroup {
  kind: UsageAlertKind;
  label: string;
  count: number;
  /** The newest alert's time. */
  latest: string;
}

/** A token's alerts grouped by kind, most alarming kind first: what its row shows. */
export const alertSummary = (alerts: readonly UsageAlert[]): AlertGroup[] =>
  ALERT_KINDS.flatMap(({ kind, label }) => {
    const of = alerts.filter((alert) => alert.kind === kind);
    if (of.length === 0) return [];
    const latest = of.reduce((newest, { at }) => (Date.parse(at) > Date.parse(newest) ? at : newest), of[0]?.at ?? '');
    return [{ kind, label, count: of.length, latest }];
  });

/** Alerts newest first, most alarming first among alerts of the same time. */
export const alertsByUrgency = (alerts: readonly UsageAlert[]): UsageAlert[] => {
  const rank = (kind: UsageAlertKind) => ALERT_KINDS.findIndex((entry) => entry.kind === kind);
  return [...alerts].sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || rank(a.kind) - rank(b.kind));
};
