import { forEachLimited } from '../concurrency';
import { logger } from '../log';
import { countMetric } from '../metrics';
import type { Db } from '../storage/dynamodb';
import { keys } from '../storage/keys';
import type { Requirement } from '../tokens/verify';
import { aggregate } from './aggregate';
import { findKeys, loadStates, markLastUsed, saveAggregation } from './store';
import { emptyState, type UseEvent, type WriterMark } from './types';

/** A stream record as the consumer needs it, with the item image already unmarshalled. */
export interface StreamChange {
  seq: string;
  eventName: string;
  pk: string;
  newImage: Record<string, unknown> | undefined;
  /** Deleted by DynamoDB's TTL (the stream marks these with the DynamoDB service principal). */
  byTtl: boolean;
}

const SAVE_ATTEMPTS = 3;
const TOKENS_AT_ONCE = 16;

const parseRequirement = (need: unknown): Requirement | undefined => {
  if (need === null) return null;
  if (typeof need !== 'string') return undefined;
  const [module, access] = need.split(':');
  return module && (access === 'read' || access === 'write') ? { module, access } : undefined;
};

const writerOf = (image: Record<string, unknown>): WriterMark | undefined => {
  const { wid, wn, wp } = image;
  return typeof wid === 'string' && typeof wn === 'number' && typeof wp === 'number'
    ? { id: wid, n: wn, previous: wp }
    : undefined;
};

/** The use event in a stream change, null if the change is not a new use event, undefined if it is one but malformed. */
export const useEventOf = (change: StreamChange): UseEvent | null | undefined => {
  if (change.eventName !== 'INSERT' || change.byTtl || !keys.isUseEvent(change.pk)) return null;
  const image = change.newImage ?? {};
  const requirement = parseRequirement(image.need);
  if (
    typeof image.keyHash !== 'string' ||
    typeof image.at !== 'number' ||
    typeof image.ip !== 'string' ||
    requirement === undefined
  ) {
    return undefined;
  }
  return {
    seq: change.seq,
    keyHash: image.keyHash,
    at: image.at,
    ip: image.ip,
    route: String(image.route ?? ''),
    requirement,
    writer: writerOf(image),
  };
};

/** Counts a batch's outcome: the use events newly counted, and the records reported as failed. */
const counted = (failed: string[], aggregated: number): string[] => {
  countMetric('UsageEventsAggregated', aggregated);
  countMetric('UsageConsumerFailures', failed.length);
  return failed;
};

/**
 * Aggregates the use events of one stream batch: a handful of writes per token, not one per event,
 * and nothing counted twice when the batch (or its tail) is delivered again. Answers the sequence
 * numbers of the records that failed: a malformed record alone, or the first record of a token
 * whose writes failed (the stream retries from there; what was saved is then skipped).
 */
export const consumeUseEvents = async (db: Db, changes: readonly StreamChange[]): Promise<string[]> => {
  const failed: string[] = [];
  let aggregated = 0;
  const byKey = new Map<string, UseEvent[]>();
  for (const change of changes) {
    const event = useEventOf(change);
    if (event === undefined) failed.push(change.seq);
    if (!event) continue;
    const events = byKey.get(event.keyHash) ?? [];
    events.push(event);
    byKey.set(event.keyHash, events);
  }
  if (byKey.size === 0) return counted(failed, 0);

  const found = await findKeys(db, [...byKey.keys()]);
  const groups = [...byKey].flatMap(([hash, events]) => {
    const key = found.get(hash);
    return key === undefined ? [] : [{ key, events }];
  });
  const states = await loadStates(
    db,
    groups.map((group) => group.key.tokenId),
  );

  // A batch may name hundreds of tokens: a few at a time, so that their writes do not all wait on each other.
  await forEachLimited(groups, TOKENS_AT_ONCE, async ({ key, events }) => {
    try {
      let previous = states.get(key.tokenId) ?? emptyState();
      for (let attempt = 0; attempt < SAVE_ATTEMPTS; attempt++) {
        const aggregation = aggregate(previous, key, events);
        const { lastUsedAt } = aggregation.state;
        // Already counted (a redelivery): only make sure the listing's last use was written too.
        const redelivered = aggregation.counted === 0;
        const saved = redelivered || (await saveAggregation(db, key.tokenId, previous.revision, aggregation));
        if (saved) {
          aggregated += aggregation.counted;
          if (lastUsedAt !== null && (redelivered || lastUsedAt !== previous.lastUsedAt)) {
            await markLastUsed(db, key.userId, key.tokenId, new Date(lastUsedAt));
          }
          return;
        }
        previous = (await loadStates(db, [key.tokenId])).get(key.tokenId) ?? emptyState();
      }
      throw new Error('usage state kept changing underneath');
    } catch (error) {
      const firstSeq = events[0]?.seq ?? '';
      logger.error('Token usage not saved; the stream delivers it again', { tokenId: key.tokenId, firstSeq, error });
      failed.push(firstSeq);
    }
  });
  return counted(failed, aggregated);
};
