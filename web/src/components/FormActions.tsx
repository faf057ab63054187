/** The end of a dialog's form: the refusal, if any, then the submit button (busy while it runs) and Cancel. */
export const FormActions = ({
  error,
  submit,
  busy,
  onCancel,
  focusCancel = false,
}: {
  error: string | null;
  submit: string;
  busy: boolean;
  onCancel: () => void;
  /** Cancel takes the dialog's first focus: where going ahead cannot be undone. */
  focusCancel?: boolean;
}) => (
  <>
    {error !== null && (
      <p class="form-error" role="alert">
        {error}
      </p>
    )}
    <div class="dialog-actions">
      <button type="submit" class="primary" disabled={busy} aria-busy={busy ? 'true' : undefined}>
        {submit}
      </button>
      <button type="button" data-autofocus={focusCancel ? true : undefined} onClick={onCancel}>
        Cancel
      </button>
    </div>
  </>
);
