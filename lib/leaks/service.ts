import type { Config } from '../config';
import type { LeakReportReceipt } from '../contract';
import { logger } from '../log';
import { countMetric } from '../metrics';
import type { Db } from '../storage/dynamodb';
import { revokeLeakedTokens, type LeakReporter } from './revoke';
import type { FoundToken } from './schemas';

/**
 * Acts on a leak report: revokes the valid tokens among `found`, logs an audit line for each and counts
 * them. The receipt depends only on how many tokens were reported, so that it reveals nothing about them.
 */
export const receiveLeakReport = async (
  db: Db,
  config: Pick<Config, 'tokens' | 'audit'>,
  found: readonly FoundToken[],
  reporter: LeakReporter,
  now: Date,
): Promise<LeakReportReceipt> => {
  const revoked = await revokeLeakedTokens(db, config, found, reporter, now);
  for (const leak of revoked) {
    logger.info('Token revoked as leaked', {
      audit: 'token_revoked_leaked',
      ...leak,
      actor: reporter.actor,
      sourceIp: reporter.ip,
    });
  }
  countMetric('LeakedTokensReported', found.length, { reporter: reporter.actor });
  countMetric('LeakedTokensRevoked', revoked.length, { reporter: reporter.actor });
  return { received: found.length };
};
