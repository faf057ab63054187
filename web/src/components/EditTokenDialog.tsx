import { useState } from 'preact/hooks';
import type { ApiClient } from '../api';
import { ApiError, errorMessage, isNotFound } from '../errors';
import { DESCRIPTION_MAX_LENGTH, editOf, NAME_MAX_LENGTH } from '../token-fields';
import type { TokenView } from '../../../lib/contract';
import { Modal } from './Modal';
import { TextField } from './TextField';
import { FormActions } from './FormActions';

const NAME_ID = 'edit-token-name';
const DESCRIPTION_ID = 'edit-token-description';

interface EditTokenDialogProps {
  api: ApiClient;
  token: TokenView;
  onSaved: (token: TokenView) => void;
  /** The token was revoked meanwhile: the list is out of date. */
  onMissing: (token: TokenView) => void;
  onClose: () => void;
}

/** Renames a token and edits its description; a name another working token has is refused next to the field. */
export const EditTokenDialog = ({ api, token, onSaved, onMissing, onClose }: EditTokenDialogProps) => {
  const [name, setName] = useState(token.name);
  const [description, setDescription] = useState(token.description ?? '');
  const [nameError, setNameError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const save = async (event: Event) => {
    event.preventDefault();
    if (saving) return;
    setError(null);
    if (name.trim() === '') {
      setNameError('Enter a name for the token.');
      document.getElementById(NAME_ID)?.focus();
      return;
    }
    const change = editOf(token, name, description);
    if (Object.keys(change).length === 0) {
      onClose();
      return;
    }
    setSaving(true);
    try {
      onSaved(await api.updateToken(token.id, change));
    } catch (e) {
      setSaving(false);
      if (e instanceof ApiError && e.code === 'token_name_taken') {
        setNameError('Another working token already has this name. Choose another.');
        document.getElementById(NAME_ID)?.focus();
      } else if (isNotFound(e)) {
        onMissing(token);
      } else {
        setError(errorMessage(e));
      }
    }
  };

  return (
    <Modal labelledBy="edit-title" onClose={onClose}>
      <form class="dialog-body" onSubmit={save} noValidate>
        <h2 id="edit-title">{`Edit "${token.name}"`}</h2>
        <TextField
          id={NAME_ID}
          label="Token name"
          value={name}
          onInput={(value) => {
            setName(value);
            setNameError(null);
          }}
          maxLength={NAME_MAX_LENGTH}
          required
          error={nameError}
        />
        <TextField
          id={DESCRIPTION_ID}
          label="Description (optional)"
          value={description}
          onInput={setDescription}
          maxLength={DESCRIPTION_MAX_LENGTH}
        />
        <FormActions error={error} submit="Save" busy={saving} onCancel={onClose} />
      </form>
    </Modal>
  );
};
