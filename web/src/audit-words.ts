import type { AuditActionName, AuditEvent } from '../../lib/contract';

const ACTIONS: Record<AuditActionName, string> = {
  created: 'Created',
  rolled: 'Rolled: replaced by a new token',
  disabled: 'Disabled',
  enabled: 'Enabled',
  revoked: 'Revoked',
  revoked_leaked: 'Revoked because it was reported as leaked',
  expired: 'Expired',
};

// The actors that are not a person (lib/leaks, lib/expiry). GET /audit answers only the signed-in user's own
// history, where every other actor is that user.
const SYSTEM_ACTORS: Readonly<Record<string, string>> = {
  'leak-report': 'Leak report',
  'github-secret-scanning': 'GitHub secret scanning',
  expiry: 'Automatic (expiry)',
};

/** What happened, in words: `revoked_leaked` → "Revoked because it was reported as leaked". */
export const actionWords = (action: AuditActionName): string => ACTIONS[action] ?? action;

/** Who did it, in words: "You" for the signed-in user. */
export const actorWords = (actor: string): string => SYSTEM_ACTORS[actor] ?? 'You';

/** Where a leaked token was found, as a link only when it is a web address: the report's sender chose it. */
export const leakLink = ({ url }: Pick<AuditEvent, 'url'>): string | null => {
  if (url === undefined) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
};
