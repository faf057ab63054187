import type { HourlyCount, UsageReport } from '../contract';
import { keys } from '../storage/keys';
import { DAY_MS, HOUR_MS, utcDay, utcHour } from '../time';
import type { UsageState } from './types';

/** The 24 UTC hours up to and including the one `now` falls in, oldest first, with their counts or 0. */
export const hourlyCounts = (recentHours: Readonly<Record<string, number>>, now: Date): HourlyCount[] => {
  const currentHour = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  return Array.from({ length: 24 }, (_, i) => {
    const start = currentHour - (23 - i) * HOUR_MS;
    return { hour: new Date(start).toISOString(), requests: recentHours[utcHour(start)] ?? 0 };
  });
};

/**
 * A token's usage from its items: the last 24 hours, in total and hour by hour, from the summary's hourly counts;
 * 7 and 30 days from day buckets.
 */
export const usageReport = (tokenId: string, items: readonly Record<string, unknown>[], now: Date): UsageReport => {
  const state = items.find((item) => keys.isUsageSummary(item.SK))?.state as UsageState | undefined;
  const days = items.flatMap((item) => {
    const day = keys.dayOfUsage(item.SK);
    return day === undefined ? [] : [{ key: day, item: item as Record<string, number> }];
  });
  const sinceDay = (daysBack: number) => utcDay(now.getTime() - (daysBack - 1) * DAY_MS);
  const sum = (list: typeof days, from: string, field = 'requests') =>
    list.filter(({ key }) => key >= from).reduce((total, { item }) => total + (item[field] ?? 0), 0);
  const daily = Array.from({ length: 30 }, (_, i) => {
    const day = utcDay(now.getTime() - (29 - i) * DAY_MS);
    return { day, requests: days.find(({ key }) => key === day)?.item.requests ?? 0 };
  });
  const iso = (at: number) => new Date(at).toISOString();
  const hourly = hourlyCounts(state?.recentHours ?? {}, now);
  const recentRequests = hourly.reduce((total, { requests }) => total + requests, 0);
  return {
    id: tokenId,
    lastUsedAt: state?.lastUsedAt ? iso(state.lastUsedAt) : null,
    requests: { day: recentRequests, week: sum(days, sinceDay(7)), month: sum(days, sinceDay(30)) },
    refused: {
      revoked: sum(days, sinceDay(30), 'revoked'),
      expired: sum(days, sinceDay(30), 'expired'),
      insufficient_scope: sum(days, sinceDay(30), 'insufficient_scope'),
    },
    daily,
    hourly,
    ips: Object.entries(state?.ips ?? {})
      .sort((a, b) => b[1].requests - a[1].requests)
      .map(([ip, stat]) => ({
        ip,
        requests: stat.requests,
        firstSeenAt: iso(stat.firstSeenAt),
        lastSeenAt: iso(stat.lastSeenAt),
      })),
    otherIps: state?.otherIps ?? { requests: 0, addresses: 0 },
    alerts: [...(state?.alerts ?? [])].reverse(),
  };
};
