import { setImmediate as tick } from 'node:timers/promises';
import { forEachLimited } from '../../../lib/concurrency';

describe('forEachLimited', () => {
  it('runs every item, never more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    await forEachLimited([1, 2, 3, 4, 5, 6, 7], 3, async (item) => {
      running += 1;
      most = Math.max(most, running);
      await tick();
      done.push(item);
      running -= 1;
    });
    expect(most).toBe(3);
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('rejects when a task rejects, and does nothing for no items', async () => {
    await expect(forEachLimited([1], 2, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    const calls: number[] = [];
    await forEachLimited([], 2, async (item: number) => void calls.push(item));
    expect(calls).toEqual([]);
  });
});
