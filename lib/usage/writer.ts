import { randomBytes } from 'node:crypto';
import { LruMap } from '../lru';
import type { WriterMark } from './types';

/** Tokens whose previous use this container remembers; beyond that, the least recently used is forgotten. */
const REMEMBERED_TOKENS = 10_000;

const id = randomBytes(9).toString('base64url');
let counter = 0;
const previousUse = new LruMap<string, number>(REMEMBERED_TOKENS);

/**
 * Marks a use this container writes: its id, its counter now, and its counter at its previous use of
 * the same token, so that the aggregator can tell a use it never saw from one it counted.
 */
export const markUse = (keyHash: string): WriterMark => {
  counter += 1;
  const previous = previousUse.get(keyHash) ?? 0;
  previousUse.set(keyHash, counter);
  return { id, n: counter, previous };
};
