import { logger } from '../log';
import { countMetric } from '../metrics';
import type { Db } from '../storage/dynamodb';
import { findKey } from '../tokens/store';
import type { KeyRecord } from '../tokens/types';
import { knownKeys } from './known-keys';
import { recordUse, type UseRecord } from './store';

const record = async (db: Db, use: UseRecord): Promise<void> => {
  try {
    await recordUse(db, use);
  } catch (error) {
    // Losing one audit record must not refuse a valid request.
    logger.warn('Token use not recorded', { tokenKey: use.keyHash.slice(0, 8), error: String(error) });
    countMetric('UseEventWriteFailures', 1);
  }
};

/**
 * Reads a token's key and records the use. For a key this container has seen, the write goes out
 * alongside the read and adds nothing to the latency; the first time, it waits for the read, so that
 * unknown tokens (forged checksums included) never cause a write.
 */
export const findKeyRecordingUse = async (db: Db, use: UseRecord): Promise<KeyRecord | undefined> => {
  if (knownKeys.has(use.keyHash)) {
    const [key] = await Promise.all([findKey(db, use.keyHash), record(db, use)]);
    return key;
  }
  const key = await findKey(db, use.keyHash);
  if (key !== undefined) {
    knownKeys.add(use.keyHash);
    await record(db, use);
  }
  return key;
};
