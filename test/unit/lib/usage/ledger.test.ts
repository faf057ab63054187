import { enter, isCounted, LEDGER_HORIZON_MS, MAX_GAPS, MAX_WRITERS, trim } from '../../../../lib/usage/ledger';
import type { Ledger, UseEvent } from '../../../../lib/usage/types';

const t0 = Date.parse('2026-03-10T22:30:00.000Z');
const emptyLedger = (): Ledger => ({ watermark: null, writers: {}, gaps: [], forgotAt: null });
const use = (seq: number, n: number, previous: number, writer = 'a', at = t0): UseEvent => ({
  seq: String(seq),
  keyHash: 'h',
  at,
  ip: '127.0.0.2',
  route: 'GET /v1/{module}',
  requirement: null,
  writer: { id: writer, n, previous },
});
/** Counts the events the ledger does not hold yet, as the aggregator does; answers how many. */
const count = (ledger: Ledger, events: UseEvent[]): number =>
  events.filter((event) => {
    if (isCounted(ledger, event)) return false;
    enter(ledger, event);
    return true;
  }).length;

describe('ledger', () => {
  it('holds what was counted, so a redelivery counts nothing', () => {
    const ledger = emptyLedger();
    const events = [use(10, 1, 0), use(11, 2, 1), use(12, 3, 2)];
    expect(count(ledger, events)).toBe(3);
    expect(count(ledger, events)).toBe(0);
    expect(ledger).toMatchObject({ watermark: '12', gaps: [] });
  });

  it('opens a gap when a container names a previous use the stream passed over, and a replay fills it once', () => {
    const ledger = emptyLedger();
    expect(count(ledger, [use(10, 1, 0)])).toBe(1);
    const discarded = [use(11, 4, 1), use(12, 9, 4)];
    // The stream moves on past the discarded batch: the next use names counter 9 as its previous.
    expect(count(ledger, [use(13, 12, 9)])).toBe(1);
    expect(ledger.gaps).toEqual([{ writer: 'a', from: 2, to: 9, at: t0 }]);
    expect(count(ledger, discarded)).toBe(2);
    expect(count(ledger, discarded)).toBe(0);
    expect(count(ledger, [use(10, 1, 0), use(13, 12, 9)])).toBe(0);
    expect(ledger.watermark).toBe('13');
  });

  it('keeps each container apart: a gap of one does not let another container’s counted use in again', () => {
    const ledger = emptyLedger();
    count(ledger, [use(10, 5, 0, 'b'), use(11, 3, 1, 'a')]);
    expect(ledger.gaps).toEqual([{ writer: 'a', from: 1, to: 1, at: t0 }]);
    expect(isCounted(ledger, use(10, 1, 0, 'b'))).toBe(true);
    expect(isCounted(ledger, use(9, 1, 0, 'a'))).toBe(false);
  });

  it('fills a gap use by use, leaving the rest open', () => {
    const ledger = emptyLedger();
    count(ledger, [use(20, 10, 8)]);
    expect(ledger.gaps).toEqual([{ writer: 'a', from: 1, to: 8, at: t0 }]);
    expect(count(ledger, [use(12, 4, 2)])).toBe(1);
    expect(ledger.gaps).toEqual([
      { writer: 'a', from: 1, to: 3, at: t0 },
      { writer: 'a', from: 5, to: 8, at: t0 },
    ]);
    expect(count(ledger, [use(12, 4, 2)])).toBe(0);
  });

  it('counts a use that arrives after a later one of its container, and only once', () => {
    const ledger = emptyLedger();
    count(ledger, [use(10, 1, 0)]);
    // Counter 3 written before counter 5 but delivered after it.
    expect(count(ledger, [use(11, 5, 3), use(12, 3, 1)])).toBe(2);
    expect(ledger.gaps).toEqual([{ writer: 'a', from: 2, to: 2, at: t0 }]);
    expect(count(ledger, [use(11, 5, 3), use(12, 3, 1)])).toBe(0);
  });

  it('treats events without a container mark by the watermark alone', () => {
    const ledger = emptyLedger();
    const bare = (seq: number): UseEvent => ({ ...use(seq, 0, 0), writer: undefined });
    expect(count(ledger, [bare(10), bare(11)])).toBe(2);
    expect(count(ledger, [bare(9), bare(11), bare(12)])).toBe(1);
  });

  it('forgets containers and gaps no redelivery can reach, and keeps the newest within the limits', () => {
    const ledger = emptyLedger();
    const old = t0 - LEDGER_HORIZON_MS - 1;
    count(ledger, [use(1, 5, 2, 'old', old)]);
    for (let i = 0; i < MAX_WRITERS + 1; i++) count(ledger, [use(100 + i, 3, 1, `w${i}`, t0 + i)]);
    trim(ledger, t0 + MAX_WRITERS);
    expect(Object.keys(ledger.writers)).toHaveLength(MAX_WRITERS);
    expect(ledger.writers.old).toBeUndefined();
    expect(ledger.writers.w0).toBeUndefined();
    expect(ledger.gaps).toHaveLength(MAX_GAPS);
    expect(ledger.gaps.map((gap) => gap.writer)).toEqual(
      Array.from({ length: MAX_GAPS }, (_, i) => `w${MAX_WRITERS + 1 - MAX_GAPS + i}`),
    );
    expect(ledger.forgotAt).toBe(t0);
  });

  it('opens no gap for an unknown container while one dropped for room may be it', () => {
    const ledger: Ledger = { ...emptyLedger(), watermark: '50', forgotAt: t0 - 1000 };
    count(ledger, [use(51, 9, 7, 'dropped')]);
    expect(ledger.gaps).toEqual([]);
    // Once the dropped containers are past the horizon, an unknown one is new again.
    count(ledger, [use(52, 4, 2, 'fresh', t0 + LEDGER_HORIZON_MS)]);
    expect(ledger.gaps).toEqual([{ writer: 'fresh', from: 1, to: 2, at: t0 + LEDGER_HORIZON_MS }]);
  });
});
