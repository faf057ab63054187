/** A failed load, said where its content would be, with a way to try again. */
export const InlineError = ({ message, onRetry }: { message: string; onRetry: () => void }) => (
  <div class="inline-error">
    <p role="alert">{message}</p>
    <button type="button" onClick={onRetry}>
      Try again
    </button>
  </div>
);
