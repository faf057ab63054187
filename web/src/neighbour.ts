/** The item to move to when the one with `id` leaves a list: the next one, else the one before, else none. */
export const neighbourOf = <T extends { id: string }>(items: readonly T[], id: string): T | null => {
  const i = items.findIndex((item) => item.id === id);
  if (i < 0) return null;
  return items[i + 1] ?? items[i - 1] ?? null;
};
