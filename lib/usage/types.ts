import type { UsageAlert } from '../contract';
import type { Requirement } from '../tokens/verify';

/** One use of a known token, as the authorizer recorded it. */
export interface UseEvent {
  /** Stream sequence number: orders events and makes replays recognisable. */
  seq: string;
  keyHash: string;
  at: number;
  ip: string;
  route: string;
  requirement: Requirement;
}

export type Outcome = 'allowed' | 'revoked' | 'expired' | 'insufficient_scope';

export interface Counts {
  requests: number;
  refused: Partial<Record<Exclude<Outcome, 'allowed'>, number>>;
}

export interface IpStat {
  requests: number;
  firstSeenAt: number;
  lastSeenAt: number;
}

/** An alert as the usage report carries it. */
export type Alert = UsageAlert;

/** What the aggregator keeps per token between batches. */
export interface UsageState {
  watermark: string | null;
  firstUsedAt: number | null;
  lastUsedAt: number | null;
  total: number;
  ips: Record<string, IpStat>;
  otherIps: { requests: number; addresses: number };
  alerts: Alert[];
  /** Requests per hour (key `yyyy-mm-ddThh`) for the last day, the spike baseline. */
  recentHours: Record<string, number>;
}

export const emptyState = (): UsageState => ({
  watermark: null,
  firstUsedAt: null,
  lastUsedAt: null,
  total: 0,
  ips: {},
  otherIps: { requests: 0, addresses: 0 },
  alerts: [],
  recentHours: {},
});
