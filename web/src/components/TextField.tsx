interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  maxLength: number;
  required?: boolean;
  /** Said under the field and tied to it; the field is then marked invalid. */
  error?: string | null;
  help?: string;
}

/** A labelled one-line text input with its error (first, so that it is read first) and help tied to it. */
export const TextField = ({ id, label, value, onInput, maxLength, required, error = null, help }: TextFieldProps) => {
  const errorId = `${id}-error`;
  const helpId = `${id}-help`;
  const describedBy = [error !== null ? errorId : null, help !== undefined ? helpId : null]
    .filter((part) => part !== null)
    .join(' ');
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        type="text"
        maxLength={maxLength}
        autoComplete="off"
        required={required}
        value={value}
        aria-invalid={error !== null ? 'true' : undefined}
        aria-describedby={describedBy === '' ? undefined : describedBy}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
      {error !== null && (
        <p class="field-error" id={errorId}>
          {error}
        </p>
      )}
      {help !== undefined && (
        <p class="help" id={helpId}>
          {help}
        </p>
      )}
    </div>
  );
};
