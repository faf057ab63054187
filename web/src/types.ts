export type { CreatedToken, TokenList, TokenView } from '../../lib/tokens/types';

// Declared here rather than imported: the server's usage module pulls in Node-only code.
export interface UsageAlert {
  kind: string;
  at: string;
  message: string;
  details: Record<string, string | number>;
}

/** GET /tokens/{id}/usage */
export interface UsageReport {
  id: string;
  lastUsedAt: string | null;
  requests: { day: number; week: number; month: number };
  refused: { revoked: number; expired: number; insufficient_scope: number };
  daily: DailyCount[];
  ips: { ip: string; requests: number; firstSeenAt: string; lastSeenAt: string }[];
  otherIps: { requests: number; addresses: number };
  alerts: UsageAlert[];
}

export interface DailyCount {
  day: string;
  requests: number;
}

/** POST /tokens */
export interface NewToken {
  name: string;
  scopes: string[];
  expiresAt: string | null;
}

/** Every error body of the API. */
export interface ErrorBody {
  code: string;
  message: string;
}
