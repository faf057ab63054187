import { DAY_MS, HOUR_MS, startOfUtcHour, utcDay, utcHour } from '../time';
import { judgeKey } from '../tokens/verify';
import type { KeyRecord } from '../tokens/types';
import { enter, isCounted, trim } from './ledger';
import type { Alert, Counts, IpStat, Outcome, UsageState, UseEvent } from './types';

/** Source addresses kept per token; the rest only add to an "other" total, so items stay small. */
export const MAX_IPS = 50;
export const MAX_ALERTS = 20;
/** A token has an established history, against which a new address stands out, after this much use. */
export const ESTABLISHED_REQUESTS = 20;
export const ESTABLISHED_AGE_MS = DAY_MS;
/** An hour is a spike when it exceeds both this many requests and this multiple of the hourly baseline. */
export const SPIKE_MIN_REQUESTS = 100;
export const SPIKE_FACTOR = 10;

/** The key as it stood at `at`: a revocation stamped later had not happened yet. */
export const keyAsOf = (key: KeyRecord, at: number): KeyRecord =>
  key.revokedAt !== null && Date.parse(key.revokedAt) > at ? { ...key, revokedAt: null } : key;

/** How a past use fared, judged as of its own time, so that uses before a revocation stay allowed. */
export const outcomeOf = (key: KeyRecord, event: UseEvent): Outcome => {
  const verdict = judgeKey(keyAsOf(key, event.at), event.requirement, new Date(event.at));
  if (verdict.valid) return 'allowed';
  return verdict.reason as Exclude<Outcome, 'allowed'>;
};

const newIpAlert = (first: UseEvent, priorRequests: number, addresses: number): Alert => ({
  kind: 'new_ip',
  at: new Date(first.at).toISOString(),
  message:
    addresses === 1
      ? `First use from ${first.ip} after ${priorRequests} requests from known addresses`
      : `First use from ${first.ip} and ${addresses - 1} other new addresses after ${priorRequests} requests from known addresses`,
  details: { ip: first.ip, priorRequests, addresses },
});

export interface Aggregation {
  /** Carries the last 25 hours' hourly counts itself (`recentHours`); days need items of their own. */
  state: UsageState;
  days: Map<string, Counts>;
  /** Alerts raised by this batch, newest last. */
  raised: Alert[];
  /** Use events counted now; 0 when all of them were counted before (a redelivery). */
  counted: number;
}

const bump = (buckets: Map<string, Counts>, bucket: string, outcome: Outcome): void => {
  const counts = buckets.get(bucket) ?? { requests: 0, refused: {} };
  counts.requests += 1;
  if (outcome !== 'allowed') counts.refused[outcome] = (counts.refused[outcome] ?? 0) + 1;
  buckets.set(bucket, counts);
};

const keepTopIps = (ips: Record<string, IpStat>, other: UsageState['otherIps']) => {
  const ranked = Object.entries(ips).sort((a, b) => b[1].requests - a[1].requests || b[1].lastSeenAt - a[1].lastSeenAt);
  const dropped = ranked.slice(MAX_IPS);
  return {
    ips: Object.fromEntries(ranked.slice(0, MAX_IPS)),
    otherIps: {
      requests: other.requests + dropped.reduce((sum, [, stat]) => sum + stat.requests, 0),
      addresses: other.addresses + dropped.length,
    },
  };
};

/**
 * Folds a token's new use events (in stream order) into its usage state: counts per hour and day,
 * source addresses, last use, and alerts. Events the state's ledger holds were counted before (a
 * redelivered or replayed batch) and are skipped. Pure: the caller reads the state and writes the result.
 */
export const aggregate = (previous: UsageState, key: KeyRecord, events: readonly UseEvent[]): Aggregation => {
  const state: UsageState = structuredClone(previous);
  const days = new Map<string, Counts>();
  const raised: Alert[] = [];
  // One alert of a kind per hour; new addresses get one alert per batch instead, with their count.
  const hoursAlerted = new Set(state.alerts.map((alert) => `${alert.kind}@${utcHour(Date.parse(alert.at))}`));
  const raise = (alert: Alert): void => {
    const slot = `${alert.kind}@${utcHour(Date.parse(alert.at))}`;
    if (hoursAlerted.has(slot)) return;
    hoursAlerted.add(slot);
    raised.push(alert);
  };
  let newIps: { first: UseEvent; priorRequests: number; count: number } | undefined;

  let counted = 0;
  for (const event of events) {
    if (isCounted(state, event)) continue;
    enter(state, event);
    counted += 1;
    const outcome = outcomeOf(key, event);
    const established =
      state.total >= ESTABLISHED_REQUESTS &&
      state.firstUsedAt !== null &&
      event.at - state.firstUsedAt >= ESTABLISHED_AGE_MS;
    const at = new Date(event.at).toISOString();

    if (state.ips[event.ip] === undefined && established) {
      if (newIps) newIps.count += 1;
      else newIps = { first: event, priorRequests: state.total, count: 1 };
    }
    const ip = state.ips[event.ip] ?? { requests: 0, firstSeenAt: event.at, lastSeenAt: event.at };
    state.ips[event.ip] = {
      requests: ip.requests + 1,
      firstSeenAt: Math.min(ip.firstSeenAt, event.at),
      lastSeenAt: Math.max(ip.lastSeenAt, event.at),
    };

    if (outcome === 'revoked' || outcome === 'expired') {
      raise({
        kind: `${outcome}_use`,
        at,
        message: `Use of ${outcome === 'expired' ? 'an expired' : 'a revoked'} token from ${event.ip}`,
        details: { ip: event.ip, route: event.route },
      });
    }

    const hour = utcHour(event.at);
    const inHour = (state.recentHours[hour] ?? 0) + 1;
    state.recentHours[hour] = inHour;
    const earlier = Object.entries(state.recentHours).filter(
      ([h]) => h < hour && startOfUtcHour(h).getTime() >= event.at - 25 * HOUR_MS,
    );
    const baseline = earlier.reduce((sum, [, n]) => sum + n, 0) / 24;
    if (established && inHour > SPIKE_MIN_REQUESTS && inHour > SPIKE_FACTOR * baseline) {
      raise({
        kind: 'volume_spike',
        at,
        message: `${inHour} requests in the hour from ${hour}:00Z against a baseline of ${baseline.toFixed(1)} per hour`,
        details: { hour: `${hour}:00Z`, requests: inHour, baselinePerHour: Number(baseline.toFixed(1)) },
      });
    }

    bump(days, utcDay(event.at), outcome);
    state.total += 1;
    state.firstUsedAt = Math.min(state.firstUsedAt ?? event.at, event.at);
    if (outcome === 'allowed') state.lastUsedAt = Math.max(state.lastUsedAt ?? event.at, event.at);
  }

  if (newIps) raised.push(newIpAlert(newIps.first, newIps.priorRequests, newIps.count));
  raised.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));

  const newest = events.reduce((max, event) => Math.max(max, event.at), 0);
  state.recentHours = Object.fromEntries(
    Object.entries(state.recentHours).filter(([h]) => startOfUtcHour(h).getTime() >= newest - 25 * HOUR_MS),
  );
  Object.assign(state, keepTopIps(state.ips, state.otherIps));
  state.alerts = [...state.alerts, ...raised].slice(-MAX_ALERTS);
  trim(state, newest);
  return { state, days, raised, counted };
};
