import { useCallback, useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../api';
import { errorMessage, isNotFound } from '../errors';
import { countOf } from '../format';
import { useNow } from '../hooks/useNow';
import { useRowUsage } from '../hooks/useRowUsage';
import { useTokenList } from '../hooks/useTokenList';
import { useNotices } from '../hooks/useNotices';
import { shownNotices } from '../notices';
import { graceNote } from '../grace';
import { neighbourOf } from '../neighbour';
import type { CreatedToken, TokenView } from '../../../lib/contract';

/** A token to show once: a new one, or one a roll issued, with what became of the old. */
type ShownToken = { token: CreatedToken; rolled: false } | { token: CreatedToken; rolled: true; note: string };
import { AuditHistory } from './AuditHistory';
import { EditTokenDialog } from './EditTokenDialog';
import { EmptyState } from './EmptyState';
import { Notices } from './Notices';
import { GenerateForm } from './GenerateForm';
import { OneTimeToken } from './OneTimeToken';
import { RevokeDialog } from './RevokeDialog';
import { RollDialog } from './RollDialog';
import { RevokedTokens } from './RevokedTokens';
import { rowNameId, TokenTable } from './TokenTable';
import { UsagePanel } from './UsagePanel';
import { InlineError } from './InlineError';

const LIMIT_NOTE_ID = 'token-limit-note';
const TABLE_CAPTION_ID = 'token-table-caption';
const EMPTY_TITLE_ID = 'empty-title';

/** Where focus goes once the list shows the outcome of an action: an element's id, or the list itself. */
type FocusTarget = { id: string } | 'list';

const usageButton = (tokenId: string): HTMLElement | null =>
  document.querySelector<HTMLElement>(`tr[data-token-id="${CSS.escape(tokenId)}"] button[aria-expanded]`);

/** The token list and everything done from it: generate, revoke, look at usage. */
export const TokenPage = ({ api }: { api: ApiClient }) => {
  const { list, error, loading, reload, remove, replace, loadMore, loadingMore } = useTokenList(api);
  const now = useNow();
  const [generating, setGenerating] = useState(false);
  const [created, setCreated] = useState<ShownToken | null>(null);
  const [rolling, setRolling] = useState<TokenView | null>(null);
  const [revoking, setRevoking] = useState<TokenView | null>(null);
  const [editing, setEditing] = useState<TokenView | null>(null);
  const [toggling, setToggling] = useState<string | null>(null);
  const [showRevoked, setShowRevoked] = useState(false);
  // Bumped by Refresh and by every action, so that the revoked list and the history show what changed.
  const [changeVersion, setChangeVersion] = useState(0);
  const [openUsage, setOpenUsage] = useState<string | null>(null);
  const [usageVersion, setUsageVersion] = useState(0);
  const [notice, setNotice] = useState('');
  const [focusTarget, setFocusTarget] = useState<FocusTarget | null>(null);
  const reports = useRowUsage(api, list?.tokens ?? [], usageVersion);
  const notices = useNotices(api, changeVersion);

  const atLimit = list !== null && list.active >= list.limit;

  const dialogOpen = generating || created !== null || revoking !== null || editing !== null || rolling !== null;

  // Runs after dialogs have put focus back where they found it, and again as the list changes, until the target shows.
  useEffect(() => {
    if (focusTarget === null || dialogOpen) return;
    const listHeading = () => document.getElementById(TABLE_CAPTION_ID) ?? document.getElementById(EMPTY_TITLE_ID);
    const element = focusTarget === 'list' ? listHeading() : document.getElementById(focusTarget.id);
    if (element) {
      element.focus();
      setFocusTarget(null);
    } else if (!loading) {
      listHeading()?.focus();
      setFocusTarget(null);
    }
  }, [focusTarget, list, loading, dialogOpen]);

  const refresh = () => {
    reload();
    setUsageVersion((n) => n + 1);
    setChangeVersion((n) => n + 1);
  };

  const announce = useCallback((message: string) => setNotice(message), []);

  const toggleUsage = (token: TokenView) => setOpenUsage((open) => (open === token.id ? null : token.id));

  const usagePanel = (token: TokenView) => (
    <UsagePanel api={api} token={token} version={usageVersion} now={now} onClose={closeUsage} />
  );

  const startGenerating = () => {
    setNotice('');
    setGenerating(true);
  };

  const forget = (token: TokenView) => {
    const next = list === null ? null : neighbourOf(list.tokens, token.id);
    setFocusTarget(next === null ? 'list' : { id: rowNameId(next.id) });
    remove(token.id);
    if (openUsage === token.id) setOpenUsage(null);
    reload();
  };

  const changed = (token: TokenView, words: string) => {
    replace(token);
    setChangeVersion((n) => n + 1);
    setNotice(`Token "${token.name}" ${words}.`);
    setFocusTarget({ id: rowNameId(token.id) });
    reload();
  };

  // Immediate, as revoking is: pausing a suspicious token should take one click.
  const toggleDisabled = async (token: TokenView) => {
    setNotice('');
    setToggling(token.id);
    try {
      changed(await api.updateToken(token.id, { disabled: !token.disabled }), token.disabled ? 'enabled' : 'disabled');
    } catch (e) {
      if (isNotFound(e)) {
        setNotice(`Token "${token.name}" no longer exists.`);
        forget(token);
      } else {
        setNotice(errorMessage(e));
      }
    } finally {
      setToggling(null);
    }
  };

  const closeUsage = () => {
    const id = openUsage;
    setOpenUsage(null);
    if (id !== null) usageButton(id)?.focus();
  };

  const showMore = async () => {
    const added = await loadMore();
    const first = added[0];
    if (first === undefined) return;
    setNotice(`Loaded ${countOf(added.length, 'more token')}.`);
    setFocusTarget({ id: rowNameId(first.id) });
  };

  return (
    <>
      <div class="toolbar">
        {list !== null && <p class="counter">{`${list.active} of ${list.limit} active tokens`}</p>}
        <div class="toolbar-actions">
          <button type="button" onClick={refresh} aria-busy={loading ? 'true' : undefined}>
            Refresh
          </button>
          <button
            type="button"
            class="primary"
            disabled={atLimit}
            aria-describedby={atLimit ? LIMIT_NOTE_ID : undefined}
            onClick={startGenerating}
          >
            Generate New Token
          </button>
        </div>
      </div>
      {list !== null && atLimit && (
        <p class="limit-note" id={LIMIT_NOTE_ID}>
          {`You have reached the limit of ${list.limit} active tokens. Revoke a token you no longer use to generate a new one.`}
        </p>
      )}
      <p class="notice" role="status">
        {notice}
      </p>
      {error !== null && <InlineError message={error} onRetry={reload} />}
      {list !== null && (
        <Notices
          notices={shownNotices(notices, list.tokens, now)}
          now={now}
          onShow={(tokenId) => setFocusTarget({ id: rowNameId(tokenId) })}
        />
      )}
      {list === null ? (
        loading && <p>Loading…</p>
      ) : list.tokens.length === 0 ? (
        <EmptyState onGenerate={startGenerating} canGenerate={!atLimit} />
      ) : (
        <TokenTable
          tokens={list.tokens}
          now={now}
          reports={reports}
          openUsage={openUsage}
          onUsage={toggleUsage}
          actions={{
            onEdit: (token) => {
              setNotice('');
              setEditing(token);
            },
            onToggleDisabled: (token) => void toggleDisabled(token),
            onRoll: (token) => {
              setNotice('');
              setRolling(token);
            },
            onRevoke: (token) => {
              setNotice('');
              setRevoking(token);
            },
            busy: toggling,
          }}
          usage={usagePanel}
        />
      )}
      {list?.next && (
        <p class="load-more">
          <button type="button" onClick={showMore} disabled={loadingMore} aria-busy={loadingMore ? 'true' : undefined}>
            Load more
          </button>
        </p>
      )}
      <p class="revoked-filter">
        <label>
          <input
            type="checkbox"
            checked={showRevoked}
            onChange={(e) => {
              setNotice('');
              setShowRevoked(e.currentTarget.checked);
            }}
          />
          {' Show revoked tokens'}
        </label>
      </p>
      {showRevoked && (
        <RevokedTokens
          api={api}
          version={changeVersion}
          now={now}
          openUsage={openUsage}
          onUsage={toggleUsage}
          usage={usagePanel}
          onShown={announce}
        />
      )}
      {list !== null && <AuditHistory api={api} version={changeVersion} now={now} onLoaded={announce} />}
      {generating && (
        <GenerateForm
          api={api}
          onCancel={() => setGenerating(false)}
          onCreated={(token) => {
            setGenerating(false);
            setCreated({ token, rolled: false });
            setChangeVersion((n) => n + 1);
            reload();
          }}
          onLimitReached={reload}
        />
      )}
      {rolling !== null && (
        <RollDialog
          api={api}
          token={rolling}
          onRolled={(token, graceSeconds) => {
            setRolling(null);
            setCreated({ token, rolled: true, note: graceNote(graceSeconds, token.createdAt) });
            setChangeVersion((n) => n + 1);
            reload();
          }}
          onMissing={(token) => {
            setRolling(null);
            setNotice(`Token "${token.name}" no longer exists.`);
            forget(token);
          }}
          onClose={() => setRolling(null)}
        />
      )}
      {created !== null && (
        <OneTimeToken
          token={created.token}
          title={created.rolled ? 'Token rolled' : 'Token created'}
          note={created.rolled ? created.note : undefined}
          onDone={() => {
            setNotice(`Token "${created.token.name}" ${created.rolled ? 'rolled' : 'created'}.`);
            setFocusTarget({ id: rowNameId(created.token.id) });
            setCreated(null);
          }}
        />
      )}
      {editing !== null && (
        <EditTokenDialog
          api={api}
          token={editing}
          onSaved={(token) => {
            setEditing(null);
            changed(token, 'updated');
          }}
          onMissing={(token) => {
            setEditing(null);
            setNotice(`Token "${token.name}" no longer exists.`);
            forget(token);
          }}
          onClose={() => setEditing(null)}
        />
      )}
      {revoking !== null && (
        <RevokeDialog
          api={api}
          token={revoking}
          report={reports.get(revoking.id)}
          now={now}
          onRevoked={(token) => {
            setRevoking(null);
            setNotice(`Token "${token.name}" revoked.`);
            setChangeVersion((n) => n + 1);
            forget(token);
          }}
          onMissing={forget}
          onClose={() => setRevoking(null)}
        />
      )}
    </>
  );
};
