import type { Db } from '../storage/dynamodb';
import { getOwnToken } from '../tokens/service';
import { usageReport, type UsageReport } from './report';
import { readUsageItems } from './store';

/** Usage of one of the user's own tokens; another user's token is not found. */
export const getUsage = async (db: Db, userId: string, tokenId: string, now: Date): Promise<UsageReport> => {
  const token = await getOwnToken(db, userId, tokenId);
  return usageReport(token.id, await readUsageItems(db, token.id), now);
};
