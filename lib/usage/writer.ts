import { randomBytes } from 'node:crypto';
import type { WriterMark } from './types';

/** Tokens whose previous use this container remembers; beyond that, the oldest is forgotten. */
const REMEMBERED_TOKENS = 10_000;

const id = randomBytes(9).toString('base64url');
let counter = 0;
const previousUse = new Map<string, number>();

/**
 * Marks a use this container writes: its id, its counter now, and its counter at its previous use of
 * the same token, so that the aggregator can tell a use it never saw from one it counted.
 */
export const markUse = (keyHash: string): WriterMark => {
  counter += 1;
  const previous = previousUse.get(keyHash) ?? 0;
  // Re-inserting keeps the map in order of last use, so the first key is the one to forget.
  previousUse.delete(keyHash);
  previousUse.set(keyHash, counter);
  if (previousUse.size > REMEMBERED_TOKENS) previousUse.delete(previousUse.keys().next().value as string);
  return { id, n: counter, previous };
};
