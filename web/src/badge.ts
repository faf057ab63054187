import { inGrace } from './grace';
import type { TokenView } from '../../lib/contract';

export interface Badge {
  className: string;
  text: string;
}

/** The status badge of a token row; its text says the status, the colour only repeats it. */
export const statusBadge = ({
  status,
  expiresInDays,
  disabled,
  graceUntil,
}: Pick<TokenView, 'status' | 'expiresInDays' | 'disabled' | 'graceUntil'>): Badge => {
  if (status === 'revoked') return { className: 'badge badge-revoked', text: 'Revoked' };
  // Rolled: it still works, but only until its grace ends; the row says until when.
  if (inGrace({ graceUntil, status })) return { className: 'badge badge-replaced', text: 'Replaced' };
  // A disabled token is refused whatever its expiry says; expired stays the stronger word.
  if (disabled && status !== 'expired') return { className: 'badge badge-disabled', text: 'Disabled' };
  switch (status) {
    case 'expired':
      return { className: 'badge badge-expired', text: 'Expired' };
    case 'expiring':
      return {
        className: 'badge badge-expiring',
        text: expiresInDays === null ? 'Expires soon' : `Expires in ${expiresInDays}d`,
      };
    default:
      return { className: 'badge badge-active', text: 'Active' };
  }
};
