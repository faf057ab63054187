import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../api';
import { errorMessage, isNotFound } from '../errors';
import { recentUse } from '../recent-use';
import type { TokenView, UsageReport } from '../../../lib/contract';
import { Modal } from './Modal';

interface RevokeDialogProps {
  api: ApiClient;
  token: TokenView;
  /** The token's usage report if the page has one, shown until the dialog's own fresh one arrives. */
  report: UsageReport | undefined;
  now: Date;
  onRevoked: (token: TokenView) => void;
  /** The token was already gone (revoked elsewhere): the list is out of date. */
  onMissing: (token: TokenView) => void;
  onClose: () => void;
}

type RecentUse = { state: 'loading' } | { state: 'known'; text: string } | { state: 'unknown' };

/**
 * What the token did lately, from the report the page has while a fresh one is on its way (the page's may be
 * minutes old): what revoking it will interrupt.
 */
const useRecentUse = (api: ApiClient, token: TokenView, report: UsageReport | undefined, now: Date): RecentUse => {
  const [fetched, setFetched] = useState<UsageReport | 'failed' | null>(null);
  useEffect(() => {
    let current = true;
    api.tokenUsage(token.id).then(
      (next) => current && setFetched(next),
      () => current && setFetched('failed'),
    );
    return () => {
      current = false;
    };
  }, [api, token.id]);
  const known = fetched === null || fetched === 'failed' ? (report ?? fetched) : fetched;
  if (known === null) return { state: 'loading' };
  if (known === 'failed') return { state: 'unknown' };
  return { state: 'known', text: recentUse(known, now) };
};

/** Asks before revoking a token, saying how it was used lately, then revokes it. */
export const RevokeDialog = ({ api, token, report, now, onRevoked, onMissing, onClose }: RevokeDialogProps) => {
  const recent = useRecentUse(api, token, report, now);
  const [revoking, setRevoking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);

  const revoke = async () => {
    setRevoking(true);
    setError(null);
    try {
      await api.revokeToken(token.id);
      onRevoked(token);
    } catch (e) {
      setRevoking(false);
      if (isNotFound(e)) {
        setMissing(true);
        onMissing(token);
      } else {
        setError(errorMessage(e));
      }
    }
  };

  return (
    <Modal
      role="alertdialog"
      labelledBy="revoke-title"
      describedBy="revoke-recent-use revoke-consequence"
      onClose={onClose}
    >
      <div class="dialog-body">
        <h2 id="revoke-title">{`Revoke "${token.name}"?`}</h2>
        <p id="revoke-recent-use" class="recent-use" aria-busy={recent.state === 'loading' ? 'true' : undefined}>
          {recent.state === 'loading' && 'Checking recent use…'}
          {recent.state === 'known' && recent.text}
          {recent.state === 'unknown' && 'Recent use could not be loaded.'}
        </p>
        <p id="revoke-consequence">
          Any integration using this token will stop working immediately. This cannot be undone.
        </p>
        {missing && (
          <p class="form-error" role="alert">
            This token no longer exists.
          </p>
        )}
        {error !== null && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        <div class="dialog-actions">
          {!missing && (
            <button
              type="button"
              class="danger"
              disabled={revoking}
              aria-busy={revoking ? 'true' : undefined}
              onClick={revoke}
            >
              Revoke token
            </button>
          )}
          <button type="button" data-autofocus onClick={onClose}>
            Cancel
          </button>
        </div>
      </div>
    </Modal>
  );
};
