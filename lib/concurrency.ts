/**
 * Runs `task` on every item with at most `limit` running at once, and waits for all of them.
 * A task's rejection rejects the whole, as Promise.all does; tasks that catch their own errors never do.
 */
export const forEachLimited = async <T>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<void> => {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
};
