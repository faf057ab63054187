import { KNOWN_KEYS_CAPACITY, knownKeys } from '../../../../lib/usage/known-keys';

const hash = (i: number): string => i.toString(16).padStart(64, '0');

/** What the authorizer does with each key it finds: a key it knows takes the parallel path, a new one is learned. */
const present = (keyHash: string): 'parallel' | 'read-then-write' => {
  if (knownKeys.has(keyHash)) return 'parallel';
  knownKeys.add(keyHash);
  return 'read-then-write';
};

describe('the authorizer memory of known keys', () => {
  it('keeps the parallel path for keys in use while 10,001 distinct tokens cycle through it', () => {
    const regular = hash(0xffffff);
    expect(present(regular)).toBe('read-then-write');
    const paths = new Map<string, number>();
    for (let i = 0; i < KNOWN_KEYS_CAPACITY + 1; i++) {
      present(hash(i));
      // A token in steady use, between every hundred new ones: never forgotten, never slowed.
      if (i % 100 === 99) {
        const path = present(regular);
        paths.set(path, (paths.get(path) ?? 0) + 1);
      }
    }
    expect(paths).toEqual(new Map([['parallel', 100]]));
    expect(present(regular)).toBe('parallel');
    // The most recent tokens of the cycle are all still known: nothing was cleared at once.
    expect(present(hash(KNOWN_KEYS_CAPACITY))).toBe('parallel');
    expect(present(hash(KNOWN_KEYS_CAPACITY - 5_000))).toBe('parallel');
    expect(knownKeys.size).toBe(KNOWN_KEYS_CAPACITY);
    // 10,002 distinct keys in 10,000 places: the two least recently used went, the oldest of the cycle.
    expect(knownKeys.has(hash(0))).toBe(false);
    expect(knownKeys.has(hash(1))).toBe(false);
    expect(knownKeys.has(hash(2))).toBe(true);
  });
});
