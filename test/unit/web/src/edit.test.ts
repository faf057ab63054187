import { editOf } from '../../../../web/src/token-fields';
import type { TokenView } from '../../../../lib/contract';

const token: TokenView = {
  id: '0193a1b2-0000-7000-8000-000000000001',
  name: 'Zapier',
  scopes: ['*:read'],
  createdAt: '2026-11-01T00:00:00.000Z',
  expiresAt: null,
  lastUsedAt: null,
  status: 'active',
  expiresInDays: null,
  hint: 'mp_test_…x9Qa',
  description: 'Sales team',
  disabled: false,
  revokedAt: null,
  graceUntil: null,
  replacedBy: null,
};

describe('the settings page: editing a token', () => {
  it('sends only what changed, trimmed', () => {
    expect(editOf(token, ' Zapier CRM ', 'Sales team')).toEqual({ name: 'Zapier CRM' });
    expect(editOf(token, 'Zapier', ' Sales and support ')).toEqual({ description: 'Sales and support' });
  });

  it('clears the description with null when it is emptied', () => {
    expect(editOf(token, 'Zapier', '  ')).toEqual({ description: null });
  });

  it('sends nothing when nothing changed', () => {
    expect(editOf(token, 'Zapier ', 'Sales team')).toEqual({});
  });
});
