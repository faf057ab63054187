import { axisTop, barsOf, hourTicks, maxOf, middleOf, totalOf } from '../../../../web/src/chart';

const HOUR = 3_600_000;
/** 24 hours ending with the one starting at `last`, the counts given from the oldest. */
const hoursEndingAt = (last: string, counts: number[] = []) =>
  Array.from({ length: 24 }, (_, i) => ({
    hour: new Date(Date.parse(last) - (23 - i) * HOUR).toISOString(),
    requests: counts[i] ?? 0,
  }));

/** The local hour of a viewer `offsetMinutes` east of UTC, whatever zone the tests run in. */
const hourAt = (offsetMinutes: number) => (at: Date) => new Date(at.getTime() + offsetMinutes * 60_000).getUTCHours();

describe('the settings page: the hourly chart', () => {
  it('labels the hours starting at midnight, 6, noon and 18 in UTC for a viewer in UTC', () => {
    const hourly = hoursEndingAt('2026-11-24T07:00:00.000Z');
    expect(hourTicks(hourly, hourAt(0))).toEqual([
      { index: 4, startsDay: false },
      { index: 10, startsDay: false },
      { index: 16, startsDay: true },
      { index: 22, startsDay: false },
    ]);
  });

  it('labels the viewer’s own midnight, 6, noon and 18, an hour earlier in UTC for a viewer at UTC+1', () => {
    const hourly = hoursEndingAt('2026-11-24T09:00:00.000Z');
    const ticks = hourTicks(hourly, hourAt(60));
    expect(ticks.map(({ index }) => index)).toEqual([1, 7, 13, 19]);
    expect(ticks.filter(({ startsDay }) => startsDay).map(({ index }) => hourly[index]?.hour)).toEqual([
      '2026-11-23T23:00:00.000Z',
    ]);
  });

  it('labels the half-hour starts of a viewer at UTC+5:30 by the local hour they fall in', () => {
    const ticks = hourTicks(hoursEndingAt('2026-11-24T07:00:00.000Z'), hourAt(330));
    expect(ticks.map(({ index }) => index)).toEqual([5, 11, 17, 23]);
    expect(ticks.map(({ startsDay }) => startsDay)).toEqual([false, true, false, false]);
  });

  it('draws hours with the same axis rule and bar arithmetic as days', () => {
    const hourly = hoursEndingAt('2026-11-24T07:00:00.000Z', [0, 3, 130]);
    expect(maxOf(hourly)).toBe(130);
    expect(axisTop(maxOf(hourly))).toBe(200);
    expect(totalOf(hourly)).toBe(133);
    const box = { width: 240, height: 102, gap: 2, minHeight: 2 };
    const bars = barsOf(hourly, box);
    expect(bars).toHaveLength(24);
    expect(bars[2]).toEqual({ hour: '2026-11-23T10:00:00.000Z', requests: 130, x: 21, y: 35, width: 8, height: 67 });
    expect(bars[0]?.height).toBe(2);
  });

  it('puts a label under the middle of its bar', () => {
    const box = { width: 2400, height: 100, gap: 20, minHeight: 2 };
    const [first, ...rest] = barsOf(hoursEndingAt('2026-11-24T07:00:00.000Z'), box);
    const last = rest.at(-1);
    // Each bar takes 100 of the 2,400 units: the first's middle is at 50, the last's at 2,350.
    expect(first && middleOf(first, box)).toBeCloseTo((50 / 2400) * 100);
    expect(last && middleOf(last, box)).toBeCloseTo((2350 / 2400) * 100);
  });
});
