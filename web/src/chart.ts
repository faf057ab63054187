import type { DailyCount } from '../../lib/contract';

export interface Bar extends DailyCount {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ChartBox {
  width: number;
  height: number;
  /** Space between two bars. */
  gap: number;
  /** Height of a day without requests, so that every day still shows and can be pointed at. */
  minHeight: number;
}

/** Bars side by side along the bottom of `box`, the busiest day reaching the top. */
export const barsOf = (daily: readonly DailyCount[], box: ChartBox): Bar[] => {
  const max = Math.max(1, ...daily.map(({ requests }) => requests));
  const slot = box.width / Math.max(1, daily.length);
  const room = box.height - box.minHeight;
  return daily.map(({ day, requests }, i) => {
    const height = box.minHeight + (requests / max) * room;
    return { day, requests, x: i * slot + box.gap / 2, y: box.height - height, width: slot - box.gap, height };
  });
};

export const totalOf = (daily: readonly DailyCount[]): number => daily.reduce((sum, { requests }) => sum + requests, 0);
