import { useState } from 'preact/hooks';
import type { ApiClient } from '../api';
import { errorMessage, isNotFound } from '../errors';
import type { TokenView } from '../../../lib/contract';
import { Modal } from './Modal';

interface RevokeDialogProps {
  api: ApiClient;
  token: TokenView;
  onRevoked: (token: TokenView) => void;
  /** The token was already gone (revoked elsewhere): the list is out of date. */
  onMissing: (token: TokenView) => void;
  onClose: () => void;
}

/** Asks before revoking a token, then revokes it. */
export const RevokeDialog = ({ api, token, onRevoked, onMissing, onClose }: RevokeDialogProps) => {
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
    <Modal role="alertdialog" labelledBy="revoke-title" describedBy="revoke-consequence" onClose={onClose}>
      <div class="dialog-body">
        <h2 id="revoke-title">{`Revoke "${token.name}"?`}</h2>
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
