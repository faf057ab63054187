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

/**
 * The top of the value axis: the smallest 1, 2 or 5 times a power of ten that reaches `max`, so that the axis
 * reads in round numbers.
 * @example axisTop(130) // 200
 */
export const axisTop = (max: number): number => {
  if (max <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  return [1, 2, 5, 10].map((step) => step * power).find((top) => top >= max) ?? 10 * power;
};

/** The labelled values of the axis: zero, the middle when it is a whole number, and the top. */
export const axisTicks = (top: number): number[] => (top % 2 === 0 ? [0, top / 2, top] : [0, top]);

/** Bars side by side along the bottom of `box`, scaled so that `top` reaches the top of the box. */
export const barsOf = (daily: readonly DailyCount[], box: ChartBox, top = axisTop(maxOf(daily))): Bar[] => {
  const slot = box.width / Math.max(1, daily.length);
  const room = box.height - box.minHeight;
  return daily.map(({ day, requests }, i) => {
    const height = box.minHeight + (Math.min(requests, top) / Math.max(1, top)) * room;
    return { day, requests, x: i * slot + box.gap / 2, y: box.height - height, width: slot - box.gap, height };
  });
};

export const maxOf = (daily: readonly DailyCount[]): number => Math.max(0, ...daily.map(({ requests }) => requests));

export const totalOf = (daily: readonly DailyCount[]): number => daily.reduce((sum, { requests }) => sum + requests, 0);
