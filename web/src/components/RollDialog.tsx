import { useState } from 'preact/hooks';
import type { ApiClient } from '../api';
import { errorMessage, isNotFound } from '../errors';
import { DEFAULT_GRACE, GRACE_CHOICES, graceSecondsOf, type GraceChoice } from '../grace';
import type { RolledToken, TokenView } from '../../../lib/contract';
import { Modal } from './Modal';
import { RadioChoices } from './RadioChoices';
import { FormActions } from './FormActions';

interface RollDialogProps {
  api: ApiClient;
  token: TokenView;
  onRolled: (token: RolledToken, graceSeconds: number) => void;
  /** The token was revoked meanwhile: the list is out of date. */
  onMissing: (token: TokenView) => void;
  onClose: () => void;
}

/** Replaces a token with a new one of the same name, access and expiry policy, the old one working a while longer. */
export const RollDialog = ({ api, token, onRolled, onMissing, onClose }: RollDialogProps) => {
  const [grace, setGrace] = useState<GraceChoice>(DEFAULT_GRACE);
  const [rolling, setRolling] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const roll = async (event: Event) => {
    event.preventDefault();
    if (rolling) return;
    setRolling(true);
    setError(null);
    const graceSeconds = graceSecondsOf(grace);
    try {
      onRolled(await api.rollToken(token.id, { graceSeconds }), graceSeconds);
    } catch (e) {
      setRolling(false);
      if (isNotFound(e)) onMissing(token);
      else setError(errorMessage(e));
    }
  };

  return (
    <Modal labelledBy="roll-title" describedBy="roll-what" onClose={onClose}>
      <form class="dialog-body" onSubmit={roll}>
        <h2 id="roll-title">{`Roll "${token.name}"`}</h2>
        <p id="roll-what">
          A new token with the same name, access and expiry replaces this one. You will see it once, to put into the
          integration; the old token can keep working meanwhile.
        </p>
        <fieldset>
          <legend>Keep the old token working for</legend>
          <RadioChoices name="grace" choices={GRACE_CHOICES} value={grace} onChoice={setGrace} />
        </fieldset>
        <FormActions error={error} submit="Roll token" busy={rolling} onCancel={onClose} focusCancel />
      </form>
    </Modal>
  );
};
