import type { UsageAlert, UsageReport } from '../contract';
import type { TokenRecord } from '../tokens/types';

/** The alert of a token a leak report revoked; undefined for any other token. */
export const leakAlert = (token: Pick<TokenRecord, 'leak' | 'revokedAt'>): UsageAlert | undefined => {
  if (token.leak === undefined || token.revokedAt === undefined) return undefined;
  const { reporter, url } = token.leak;
  return {
    kind: 'leak_reported',
    at: token.revokedAt,
    message: `Reported leaked by ${reporter}; revoked`,
    details: { reporter, ...(url === undefined ? {} : { url }) },
  };
};

/**
 * The report with its token's leak alert among the others, newest first. The alert is read from the listing
 * rather than saved with the usage, which only the aggregator writes.
 */
export const withLeakAlert = (report: UsageReport, token: Pick<TokenRecord, 'leak' | 'revokedAt'>): UsageReport => {
  const alert = leakAlert(token);
  if (alert === undefined) return report;
  const alerts = [...report.alerts, alert].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  return { ...report, alerts };
};
