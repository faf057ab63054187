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
  /** Which authorizer container wrote it, and where in that container's uses (absent on older events). */
  writer?: WriterMark;
}

/**
 * A use's place among its container's writes: the container's id, its counter at this use, and the
 * counter at its previous use of the same token (0 when it remembers none). A previous use the
 * aggregator never saw is one the stream lost for now (a discarded batch), not one it counted.
 */
export interface WriterMark {
  id: string;
  n: number;
  previous: number;
}

/** One container's uses of a token known to be missing: counters `from` to `to`, found missing at `at`. */
export interface Gap {
  writer: string;
  from: number;
  to: number;
  at: number;
}

/** Which use events a token's usage holds: everything up to the watermark, except the gaps below it. */
export interface Ledger {
  /** The highest stream sequence number counted. */
  watermark: string | null;
  /** Per container, the highest counter counted and when it was last seen. */
  writers: Record<string, { n: number; at: number }>;
  gaps: Gap[];
  /** When the newest container dropped for room was last seen: an unknown container may be one of those. */
  forgotAt: number | null;
}

export type Outcome = 'allowed' | 'revoked' | 'expired' | 'disabled' | 'insufficient_scope';

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
export interface UsageState extends Ledger {
  /** Bumped by every save: a save applies only over the state it was computed from. */
  revision: number;
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
  revision: 0,
  watermark: null,
  writers: {},
  gaps: [],
  forgotAt: null,
  firstUsedAt: null,
  lastUsedAt: null,
  total: 0,
  ips: {},
  otherIps: { requests: 0, addresses: 0 },
  alerts: [],
  recentHours: {},
});
