import { LruSet } from '../../../lib/lru';

describe('LruSet', () => {
  it('holds what was added, and nothing else', () => {
    const set = new LruSet<string>(3);
    set.add('a');
    expect(set.has('a')).toBe(true);
    expect(set.has('b')).toBe(false);
    expect(set.size).toBe(1);
  });

  it('lets go of the least recently added value when full, and only that one', () => {
    const set = new LruSet<string>(3);
    for (const value of ['a', 'b', 'c', 'd']) set.add(value);
    expect(set.size).toBe(3);
    expect(['a', 'b', 'c', 'd'].filter((value) => set.has(value))).toEqual(['b', 'c', 'd']);
  });

  it('counts finding a value as a use: the value found outlives those added before it', () => {
    const set = new LruSet<string>(3);
    for (const value of ['a', 'b', 'c']) set.add(value);
    expect(set.has('a')).toBe(true);
    set.add('d');
    expect(set.has('a')).toBe(true);
    expect(set.has('b')).toBe(false);
  });

  it('counts adding a value again as a use, without holding it twice', () => {
    const set = new LruSet<string>(2);
    set.add('a');
    set.add('b');
    set.add('a');
    set.add('c');
    expect(set.size).toBe(2);
    expect(set.has('a')).toBe(true);
    expect(set.has('b')).toBe(false);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses a capacity of %p', (capacity) => {
    expect(() => new LruSet<string>(capacity)).toThrow(RangeError);
  });
});
