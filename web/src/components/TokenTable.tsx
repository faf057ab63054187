import { statusBadge } from '../badge';
import { scopeLabel } from '../scopes';
import type { TokenView } from '../../../lib/contract';
import { Time } from './Time';

interface TokenTableProps {
  tokens: readonly TokenView[];
  onUsage: (token: TokenView, opener: HTMLElement) => void;
  onRevoke: (token: TokenView) => void;
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

const LastUsed = ({ at }: { at: string | null }) =>
  at === null ? (
    <>
      Never <span class="hint">Unused: consider revoking</span>
    </>
  ) : (
    <Time value={at} withTime />
  );

const Row = ({ token, onUsage, onRevoke }: { token: TokenView } & Omit<TokenTableProps, 'tokens'>) => {
  const badge = statusBadge(token);
  return (
    <tr>
      <td data-label="Name" class="token-name">
        {token.name}
      </td>
      <td data-label="Scopes">
        <Scopes scopes={token.scopes} />
      </td>
      <td data-label="Created">
        <Time value={token.createdAt} />
      </td>
      <td data-label="Last Used">
        <LastUsed at={token.lastUsedAt} />
      </td>
      <td data-label="Expires">{token.expiresAt === null ? 'Never' : <Time value={token.expiresAt} />}</td>
      <td data-label="Status">
        <span class={badge.className}>{badge.text}</span>
      </td>
      <td class="row-actions">
        <button type="button" aria-label={`Usage for ${token.name}`} onClick={(e) => onUsage(token, e.currentTarget)}>
          Usage
        </button>
        <button
          type="button"
          class="danger-outline"
          aria-label={`Revoke ${token.name}`}
          onClick={() => onRevoke(token)}
        >
          Revoke
        </button>
      </td>
    </tr>
  );
};

export const TokenTable = ({ tokens, onUsage, onRevoke }: TokenTableProps) => (
  <table class="stack-table token-table">
    <caption>Your API tokens</caption>
    <thead>
      <tr>
        <th scope="col">Name</th>
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
      {tokens.map((token) => (
        <Row key={token.id} token={token} onUsage={onUsage} onRevoke={onRevoke} />
      ))}
    </tbody>
  </table>
);
