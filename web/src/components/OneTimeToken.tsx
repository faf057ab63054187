import { useRef, useState } from 'preact/hooks';
import type { CreatedToken } from '../../../lib/contract';
import { Modal } from './Modal';

type CopyState = 'idle' | 'copied' | 'manual';

/** Shows a new token's secret, the one time it is available, until the user is done with it. */
interface OneTimeTokenProps {
  token: CreatedToken;
  onDone: () => void;
  title?: string;
  /** Said under the title, such as what became of the token a roll replaced. */
  note?: string;
}

export const OneTimeToken = ({ token, onDone, title = 'Token created', note }: OneTimeTokenProps) => {
  const input = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<CopyState>('idle');

  const copyToken = async () => {
    try {
      // Undefined outside secure contexts, whatever the type says.
      if (!navigator.clipboard) throw new Error('No clipboard');
      await navigator.clipboard.writeText(token.token);
      setCopy('copied');
    } catch {
      input.current?.focus();
      input.current?.select();
      setCopy('manual');
    }
  };

  return (
    // Escape does not close it: that would lose the token; Done is the way out.
    <Modal labelledBy="token-created-title" describedBy="token-created-warning" closeOnEscape={false} onClose={onDone}>
      <div class="dialog-body">
        <h2 id="token-created-title">{title}</h2>
        {note !== undefined && <p class="one-time-note">{note}</p>}
        <p class="callout callout-warning" role="note" id="token-created-warning">
          <strong>Copy this token now. For your security it will not be shown again.</strong>
        </p>
        <div class="field">
          <label for="new-token">Your new API token</label>
          <div class="copy-row">
            <input
              ref={input}
              id="new-token"
              class="token-value"
              type="text"
              readOnly
              value={token.token}
              spellcheck={false}
              autoComplete="off"
              onFocus={(e) => e.currentTarget.select()}
            />
            <button type="button" class="primary" data-autofocus onClick={copyToken}>
              {copy === 'copied' ? 'Copied' : 'Copy token'}
            </button>
          </div>
          <p class="help" role="status">
            {copy === 'copied' && 'The token is on your clipboard.'}
            {copy === 'manual' && 'Press Ctrl+C to copy'}
          </p>
        </div>
        <p class="token-hint-note">
          {'The list will show it as '}
          <code class="token-hint">{token.hint}</code>
          {', so that you can tell which token an integration holds.'}
        </p>
        <div class="dialog-actions">
          <button type="button" onClick={onDone}>
            Done
          </button>
        </div>
      </div>
    </Modal>
  );
};
