import { fixedWindow, secondsUntilEnd } from '../../../../lib/tokens/rate-window';

const at = (iso: string) => new Date(iso);

describe('fixedWindow', () => {
  it('puts every instant of a clock hour in the same hour-long window', () => {
    const window = { start: at('2026-03-01T10:00:00Z'), end: at('2026-03-01T11:00:00Z') };
    expect(fixedWindow(at('2026-03-01T10:00:00Z'), 3600)).toEqual(window);
    expect(fixedWindow(at('2026-03-01T10:37:12.345Z'), 3600)).toEqual(window);
    expect(fixedWindow(at('2026-03-01T10:59:59.999Z'), 3600)).toEqual(window);
  });

  it('starts a new window at the end of the previous one', () => {
    expect(fixedWindow(at('2026-03-01T11:00:00Z'), 3600).start).toEqual(at('2026-03-01T11:00:00Z'));
    expect(fixedWindow(at('2026-03-01T10:01:30Z'), 60)).toEqual({
      start: at('2026-03-01T10:01:00Z'),
      end: at('2026-03-01T10:02:00Z'),
    });
  });
});

describe('secondsUntilEnd', () => {
  const window = fixedWindow(at('2026-03-01T10:00:00Z'), 3600);

  it('answers the whole seconds left, rounded up', () => {
    expect(secondsUntilEnd(window, at('2026-03-01T10:00:00Z'))).toBe(3600);
    expect(secondsUntilEnd(window, at('2026-03-01T10:59:00.500Z'))).toBe(60);
  });

  it('never answers less than one second', () => {
    expect(secondsUntilEnd(window, at('2026-03-01T10:59:59.999Z'))).toBe(1);
    expect(secondsUntilEnd(window, at('2026-03-01T11:00:00Z'))).toBe(1);
  });
});
