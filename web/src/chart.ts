import type { DailyCount, HourlyCount } from '../../lib/contract';

/** A day's or an hour's requests: what a bar stands for. */
export interface Count {
  requests: number;
}

export type Bar<T extends Count = DailyCount> = T & {
  x: number;
  y: number;
  width: number;
  height: number;
};

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
export const barsOf = <T extends Count>(
  counts: readonly T[],
  box: ChartBox,
  top = axisTop(maxOf(counts)),
): Bar<T>[] => {
  const slot = box.width / Math.max(1, counts.length);
  const room = box.height - box.minHeight;
  return counts.map((count, i) => {
    const height = box.minHeight + (Math.min(count.requests, top) / Math.max(1, top)) * room;
    return { ...count, x: i * slot + box.gap / 2, y: box.height - height, width: slot - box.gap, height };
  });
};

export const maxOf = (counts: readonly Count[]): number => Math.max(0, ...counts.map(({ requests }) => requests));

export const totalOf = (counts: readonly Count[]): number => counts.reduce((sum, { requests }) => sum + requests, 0);

/** Where a bar's middle falls across the box, in percent: where its label on the time axis goes. */
export const middleOf = (bar: Bar<Count>, box: ChartBox): number => ((bar.x + bar.width / 2) / box.width) * 100;

export interface HourTick {
  /** The bar's place in the hours. */
  index: number;
  /** Local midnight: the label names the day rather than the time. */
  startsDay: boolean;
}

/**
 * The hours to label on the time axis: those starting at a multiple of 6 o'clock in the viewer's time zone
 * (`localHour` reads a start's local hour), so that labels fall on midnight, 6, noon and 18 wherever the viewer is.
 * @example hourTicks(hourly, (at) => at.getHours()) // indexes 1, 7, 13 (midnight), 19 for a viewer at UTC+1 at 09:20Z
 */
export const hourTicks = (hourly: readonly HourlyCount[], localHour: (at: Date) => number): HourTick[] =>
  hourly.flatMap(({ hour }, index) => {
    const local = localHour(new Date(hour));
    return local % 6 === 0 ? [{ index, startsDay: local === 0 }] : [];
  });
