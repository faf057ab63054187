/**
 * A map of at most `capacity` entries that, when full, lets go of the one least recently set or read:
 * no entry is dropped but that one, so a busy map never empties all at once.
 *
 * @example
 * const previous = new LruMap<string, number>(10_000);
 * previous.set(hash, counter);
 */
export class LruMap<K, V> {
  // A Map iterates in insertion order: re-inserting a key makes it the newest, the first one is the oldest.
  readonly #entries = new Map<K, V>();

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer`);
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The value of `key`; reading it counts as a use, so it becomes the last to be let go. */
  get(key: K): V | undefined {
    if (!this.#entries.has(key)) return undefined;
    const value = this.#entries.get(key) as V;
    this.#entries.delete(key);
    this.#entries.set(key, value);
    return value;
  }

  /** Sets `key` as the most recently used, letting go of the least recently used entry if the map is full. */
  set(key: K, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size > this.capacity) {
      const oldest = this.#entries.keys().next();
      if (oldest.done !== true) this.#entries.delete(oldest.value);
    }
  }
}

/**
 * A set of at most `capacity` values that, when full, lets go of the one least recently added or found.
 *
 * @example
 * const seen = new LruSet<string>(10_000);
 * if (!seen.has(hash)) seen.add(hash);
 */
export class LruSet<T> {
  readonly #map: LruMap<T, true>;

  constructor(readonly capacity: number) {
    this.#map = new LruMap(capacity);
  }

  get size(): number {
    return this.#map.size;
  }

  /** Whether the set holds `value`; finding it counts as a use, so it becomes the last to be let go. */
  has(value: T): boolean {
    return this.#map.get(value) === true;
  }

  /** Adds `value` as the most recently used, letting go of the least recently used value if the set is full. */
  add(value: T): void {
    this.#map.set(value, true);
  }
}
