import type { UsageReport } from '../contract';
import { refusal, success, type Outcome } from '../outcome';
import type { Db } from '../storage/dynamodb';
import { getOwnToken } from '../tokens/service';
import { withLeakAlert } from './leak-alert';
import { usageReport } from './report';
import { readUsageItems } from './store';

/** Usage of one of the user's own tokens; another user's token is not found. */
export const getUsage = async (
  db: Db,
  userId: string,
  tokenId: string,
  now: Date,
): Promise<Outcome<UsageReport, 'not_found'>> => {
  const token = await getOwnToken(db, userId, tokenId);
  if (token === undefined) return refusal('not_found');
  return success(withLeakAlert(usageReport(token.id, await readUsageItems(db, token.id), now), token));
};
