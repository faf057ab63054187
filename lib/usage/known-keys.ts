import { LruSet } from '../lru';

/** How many key hashes one container remembers (about 1 MB of hex strings at most). */
export const KNOWN_KEYS_CAPACITY = 10_000;

/** Hashes this container has found before, so their use can be written alongside the read. */
export const knownKeys = new LruSet<string>(KNOWN_KEYS_CAPACITY);
