import type { ComponentChildren } from 'preact';
import { alertSummary } from '../alerts';
import { statusBadge } from '../badge';
import { inGrace } from '../grace';
import { scopeLabel } from '../scopes';
import { flagsUnused } from '../unused';
import type { TokenView, UsageReport } from '../../../lib/contract';
import { RelativeTime } from './RelativeTime';
import { RowAlerts } from './RowAlerts';
import { Time } from './Time';

const COLUMNS = 8;

/** What a working token's row offers besides its usage. */
export interface RowActions {
  onEdit: (token: TokenView) => void;
  onToggleDisabled: (token: TokenView) => void;
  onRoll: (token: TokenView) => void;
  onRevoke: (token: TokenView) => void;
  /** The token whose disable or enable is under way, if any. */
  busy: string | null;
}

/** The id of a token's row, where focus goes after an action on the list. */
export const rowNameId = (tokenId: string): string => `token-name-${tokenId}`;

export const usagePanelId = (tokenId: string): string => `usage-${tokenId}`;

interface TokenTableProps {
  tokens: readonly TokenView[];
  now: Date;
  /** Usage reports of the rows that have one loaded, by token id: their alerts show on the row. */
  reports: ReadonlyMap<string, UsageReport>;
  /** The token whose usage shows under its row, if any. */
  openUsage: string | null;
  onUsage: (token: TokenView) => void;
  /** Absent for revoked tokens, which can only be looked at. */
  actions?: RowActions;
  /** The usage panel of the open row. */
  usage: (token: TokenView) => ComponentChildren;
  caption?: string;
  captionId?: string;
}

const Scopes = ({ scopes }: { scopes: readonly string[] }) => (
  <ul class="scopes">
    {scopes.map((scope) => (
      <li key={scope} title={scope}>
        {scopeLabel(scope)}
      </li>
    ))}
  </ul>
);

const LastUsed = ({ token, now }: { token: TokenView; now: Date }) =>
  token.lastUsedAt === null ? (
    <>Never {flagsUnused(token, now) && <span class="hint">Unused: consider revoking</span>}</>
  ) : (
    <RelativeTime value={token.lastUsedAt} now={now} />
  );

type RowProps = { token: TokenView; report: UsageReport | undefined; open: boolean } & Omit<
  TokenTableProps,
  'tokens' | 'reports' | 'openUsage' | 'usage' | 'caption' | 'captionId'
>;

const RevokeButton = ({ token, onRevoke }: { token: TokenView } & Pick<RowActions, 'onRevoke'>) => (
  <button type="button" class="danger-outline" aria-label={`Revoke ${token.name}`} onClick={() => onRevoke(token)}>
    Revoke
  </button>
);

const Actions = ({ token, onEdit, onToggleDisabled, onRoll, onRevoke, busy }: { token: TokenView } & RowActions) =>
  // A replaced token is only waiting for its grace to end: revoking it ends the grace now.
  inGrace(token) ? (
    <RevokeButton token={token} onRevoke={onRevoke} />
  ) : (
    <>
      <button type="button" aria-label={`Edit ${token.name}`} onClick={() => onEdit(token)}>
        Edit
      </button>
      <button
        type="button"
        aria-label={`${token.disabled ? 'Enable' : 'Disable'} ${token.name}`}
        disabled={busy === token.id}
        aria-busy={busy === token.id ? 'true' : undefined}
        onClick={() => onToggleDisabled(token)}
      >
        {token.disabled ? 'Enable' : 'Disable'}
      </button>
      <button type="button" aria-label={`Roll ${token.name}`} onClick={() => onRoll(token)}>
        Roll
      </button>
      <RevokeButton token={token} onRevoke={onRevoke} />
    </>
  );

const Row = ({ token, report, open, now, onUsage, actions }: RowProps) => {
  const badge = statusBadge(token);
  const troubled = report !== undefined && alertSummary(report.alerts).length > 0;
  return (
    <tr class={troubled ? 'token-row row-trouble' : 'token-row'} data-token-id={token.id}>
      <td data-label="Name" class="token-name" id={rowNameId(token.id)} tabIndex={-1}>
        <span class="token-name-text">{token.name}</span>
        {token.description !== null && <span class="token-description">{token.description}</span>}
      </td>
      <td data-label="Token">
        <code class="token-hint">{token.hint}</code>
      </td>
      <td data-label="Scopes">
        <Scopes scopes={token.scopes} />
      </td>
      <td data-label="Created">
        <RelativeTime value={token.createdAt} now={now} />
      </td>
      <td data-label="Last Used">
        <LastUsed token={token} now={now} />
      </td>
      <td data-label="Expires">{token.expiresAt === null ? 'Never' : <Time value={token.expiresAt} />}</td>
      <td data-label="Status" class="status-cell">
        <span class={badge.className}>{badge.text}</span>
        {token.revokedAt !== null && (
          <span class="revoked-at">
            <RelativeTime value={token.revokedAt} now={now} />
          </span>
        )}
        {inGrace(token) && token.graceUntil !== null && (
          <span class="grace-until">
            Works until <RelativeTime value={token.graceUntil} now={now} />
          </span>
        )}
        {report !== undefined && <RowAlerts report={report} now={now} />}
      </td>
      <td class="row-actions">
        <div class="row-action-buttons">
          <button
            type="button"
            aria-label={`Usage for ${token.name}`}
            aria-expanded={open ? 'true' : 'false'}
            aria-controls={open ? usagePanelId(token.id) : undefined}
            onClick={() => onUsage(token)}
          >
            Usage
          </button>
          {actions !== undefined && <Actions token={token} {...actions} />}
        </div>
      </td>
    </tr>
  );
};

/** The tokens, each row with its status and alerts; a row's usage opens right under it. */
export const TokenTable = ({
  tokens,
  reports,
  openUsage,
  usage,
  caption = 'Your API tokens',
  captionId = 'token-table-caption',
  ...rowProps
}: TokenTableProps) => (
  <table class="stack-table token-table">
    <caption id={captionId} tabIndex={-1}>
      {caption}
    </caption>
    <thead>
      <tr>
        <th scope="col">Name</th>
        <th scope="col">Token</th>
        <th scope="col">Scopes</th>
        <th scope="col">Created</th>
        <th scope="col">Last Used</th>
        <th scope="col">Expires</th>
        <th scope="col">Status</th>
        <th scope="col">
          <span class="visually-hidden">Actions</span>
        </th>
      </tr>
    </thead>
    <tbody>
      {tokens.flatMap((token) => {
        const open = openUsage === token.id;
        const row = <Row key={token.id} token={token} report={reports.get(token.id)} open={open} {...rowProps} />;
        if (!open) return [row];
        return [
          row,
          <tr key={`${token.id}-usage`} class="usage-row">
            <td colSpan={COLUMNS}>{usage(token)}</td>
          </tr>,
        ];
      })}
    </tbody>
  </table>
);
