import { HOUR_MS } from '../time';
import type { Gap, Ledger, UseEvent } from './types';

/**
 * Which use events a token's usage has counted. The stream delivers a token's events in order, so a
 * watermark says what was counted, except where the stream moved on past a discarded batch: the next
 * use from the same container then names a previous use the ledger never saw, and that opens a gap
 * below the watermark. A replay of the discarded range counts what lies in a gap, and nothing else.
 */

/** The stream keeps records 24 hours: nothing older can be delivered again. */
export const LEDGER_HORIZON_MS = 25 * HOUR_MS;
/** Containers and gaps kept per token, so that its usage item stays small. */
export const MAX_WRITERS = 200;
export const MAX_GAPS = 100;

/** Whether stream sequence number `a` comes after `b` (decimal strings of any length). */
export const seqAfter = (a: string, b: string | null): boolean => b === null || BigInt(a) > BigInt(b);

const gapHolding = (gaps: readonly Gap[], event: UseEvent): number =>
  event.writer === undefined
    ? -1
    : gaps.findIndex(
        (gap) => gap.writer === event.writer?.id && gap.from <= event.writer.n && event.writer.n <= gap.to,
      );

/** Whether the ledger holds this use: at or below the watermark and in no gap. */
export const isCounted = (ledger: Ledger, event: UseEvent): boolean =>
  !seqAfter(event.seq, ledger.watermark) && gapHolding(ledger.gaps, event) < 0;

/** Enters a use that is being counted (one `isCounted` said was not). Mutates the ledger. */
export const enter = (ledger: Ledger, event: UseEvent): void => {
  if (seqAfter(event.seq, ledger.watermark)) ledger.watermark = event.seq;
  const mark = event.writer;
  if (mark === undefined) return;
  const filled = gapHolding(ledger.gaps, event);
  if (filled >= 0) {
    const gap = ledger.gaps[filled] as Gap;
    const rest = [
      { ...gap, to: mark.n - 1 },
      { ...gap, from: mark.n + 1 },
    ].filter((part) => part.from <= part.to);
    ledger.gaps.splice(filled, 1, ...rest);
  }
  const seen = ledger.writers[mark.id];
  const last = seen?.n ?? 0;
  // A container the ledger may have dropped for room could name a use that was counted.
  const trusted = seen !== undefined || ledger.forgotAt === null || ledger.forgotAt < event.at - LEDGER_HORIZON_MS;
  if (mark.previous > last && trusted) {
    ledger.gaps.push({ writer: mark.id, from: last + 1, to: mark.previous, at: event.at });
  }
  ledger.writers[mark.id] = { n: Math.max(last, mark.n), at: Math.max(seen?.at ?? event.at, event.at) };
};

/** Forgets what no redelivery can reach any more, and keeps the newest within the limits. Mutates. */
export const trim = (ledger: Ledger, now: number): void => {
  const horizon = now - LEDGER_HORIZON_MS;
  const writers = Object.entries(ledger.writers)
    .filter(([, writer]) => writer.at >= horizon)
    .sort((a, b) => b[1].at - a[1].at);
  const dropped = writers.slice(MAX_WRITERS);
  if (dropped.length > 0) ledger.forgotAt = Math.max(ledger.forgotAt ?? 0, ...dropped.map(([, writer]) => writer.at));
  ledger.writers = Object.fromEntries(writers.slice(0, MAX_WRITERS));
  ledger.gaps = ledger.gaps.filter((gap) => gap.at >= horizon).slice(-MAX_GAPS);
};
