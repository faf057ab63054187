/** What the page shows before the first token: what tokens are for, and the way to make one. */
export const EmptyState = ({ onGenerate, canGenerate }: { onGenerate: () => void; canGenerate: boolean }) => (
  <section class="empty-state" aria-labelledby="empty-title">
    <h2 id="empty-title" tabIndex={-1}>
      No API tokens yet
    </h2>
    <p>
      A token lets a program you trust, such as a Zapier zap or a nightly import script, call the API as you, with only
      the access you give it. Each program gets its own token, so that you can see where each is used and revoke one
      without breaking the others.
    </p>
    {canGenerate && (
      <button type="button" class="primary" onClick={onGenerate}>
        Generate your first token
      </button>
    )}
  </section>
);
