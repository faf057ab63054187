/**
 * A set of at most `capacity` values that, when full, lets go of the one least recently added or found:
 * no value is dropped but that one, so a busy set never empties all at once.
 *
 * @example
 * const seen = new LruSet<string>(10_000);
 * if (!seen.has(hash)) seen.add(hash);
 */
export class LruSet<T> {
  // A Set iterates in insertion order: re-inserting a value makes it the newest, the first one is the oldest.
  readonly #values = new Set<T>();

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer`);
  }

  get size(): number {
    return this.#values.size;
  }

  /** Whether the set holds `value`; finding it counts as a use, so it becomes the last to be let go. */
  has(value: T): boolean {
    if (!this.#values.delete(value)) return false;
    this.#values.add(value);
    return true;
  }

  /** Adds `value` as the most recently used, letting go of the least recently used value if the set is full. */
  add(value: T): void {
    this.#values.delete(value);
    this.#values.add(value);
    if (this.#values.size > this.capacity) {
      const oldest = this.#values.values().next();
      if (oldest.done !== true) this.#values.delete(oldest.value);
    }
  }
}
