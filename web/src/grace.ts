import { formatDateTime } from './format';
import type { TokenView } from '../../lib/contract';

export type GraceChoice = 'none' | '1h' | '1d' | '7d';

/** The grace periods a roll offers, in seconds (the API takes 0 to 7 days). */
export const GRACE_CHOICES: readonly { value: GraceChoice; label: string; seconds: number }[] = [
  { value: 'none', label: 'None: it stops working at once', seconds: 0 },
  { value: '1h', label: '1 hour', seconds: 3_600 },
  { value: '1d', label: '1 day', seconds: 86_400 },
  { value: '7d', label: '7 days', seconds: 604_800 },
];

/** Long enough to update an integration overnight, short enough that a leaked token does not linger. */
export const DEFAULT_GRACE: GraceChoice = '1d';

export const graceSecondsOf = (choice: GraceChoice): number =>
  GRACE_CHOICES.find((entry) => entry.value === choice)?.seconds ?? 0;

/**
 * What becomes of the old token, said once the roll is done.
 * @example graceNote(3600, '2026-11-23T15:00:00Z') // 'The old token keeps working until Nov 23, 2026, 4:00 PM.'
 */
export const graceNote = (graceSeconds: number, rolledAt: string): string =>
  graceSeconds === 0
    ? 'The old token no longer works.'
    : `The old token keeps working until ${formatDateTime(new Date(Date.parse(rolledAt) + graceSeconds * 1000))}.`;

/** A rolled token that still works until its grace ends (not yet revoked, nor expired meanwhile). */
export const inGrace = ({ graceUntil, status }: Pick<TokenView, 'graceUntil' | 'status'>): boolean =>
  graceUntil !== null && status !== 'revoked' && status !== 'expired';
