import type { UsageReport } from '../../lib/contract';
import { countOf } from './format';
import { relativeTime } from './relative-time';

/**
 * What revoking would interrupt, in a sentence.
 * @example recentUse(report, now) // 'Used 2 min ago, 130 requests in the last 24 hours.'
 */
export const recentUse = (
  { lastUsedAt, requests }: Pick<UsageReport, 'lastUsedAt' | 'requests'>,
  now: Date,
): string => {
  if (lastUsedAt === null) return 'Never used.';
  const day = requests.day === 0 ? 'no requests' : countOf(requests.day, 'request');
  return `Used ${relativeTime(lastUsedAt, now)}, ${day} in the last 24 hours.`;
};
