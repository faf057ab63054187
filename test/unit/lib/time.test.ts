import {
  DAY_MS,
  DAY_S,
  epochSeconds,
  HOUR_MS,
  startOfUtcDay,
  startOfUtcHour,
  utcDay,
  utcHour,
} from '../../../lib/time';

describe('clock arithmetic', () => {
  it('states an hour and a day in milliseconds and a day in seconds', () => {
    expect([HOUR_MS, DAY_MS, DAY_S]).toEqual([60 * 60 * 1000, 24 * 60 * 60 * 1000, 24 * 60 * 60]);
  });

  it('converts to epoch seconds, rounding down', () => {
    expect(epochSeconds(new Date('2026-03-10T22:30:00.999Z'))).toBe(1_773_181_800);
  });

  it('names the UTC hour and day of an instant, and finds their start again', () => {
    const at = Date.parse('2026-03-10T23:59:59.999Z');
    expect(utcHour(at)).toBe('2026-03-10T23');
    expect(utcDay(at)).toBe('2026-03-10');
    expect(utcDay(at + 1)).toBe('2026-03-11');
    expect(startOfUtcHour('2026-03-10T23').toISOString()).toBe('2026-03-10T23:00:00.000Z');
    expect(startOfUtcDay('2026-03-10').toISOString()).toBe('2026-03-10T00:00:00.000Z');
  });
});
