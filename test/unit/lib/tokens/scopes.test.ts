import { accessFor, allows, allScopes, normalizeScopes } from '../../../../lib/tokens/scopes';

describe('scopes', () => {
  it('offers read and write per module and for all modules', () => {
    expect(allScopes(['cases', 'invoices'])).toEqual([
      '*:read',
      '*:write',
      'cases:read',
      'cases:write',
      'invoices:read',
      'invoices:write',
    ]);
  });

  it('normalizes by removing duplicates and sorting', () => {
    expect(normalizeScopes(['cases:write', 'applicants:read', 'cases:write'])).toEqual([
      'applicants:read',
      'cases:write',
    ]);
  });

  it('reads with GET and HEAD, writes with every other method', () => {
    expect(accessFor('GET')).toBe('read');
    expect(accessFor('head')).toBe('read');
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) expect(accessFor(method)).toBe('write');
  });

  it.each([
    [['cases:read'], 'cases', 'read', true],
    [['cases:read'], 'cases', 'write', false],
    [['cases:write'], 'cases', 'read', true],
    [['cases:write'], 'cases', 'write', true],
    [['cases:write'], 'invoices', 'read', false],
    [['*:read'], 'invoices', 'read', true],
    [['*:read'], 'invoices', 'write', false],
    [['*:write'], 'applicants', 'write', true],
    [['applicants:read', 'cases:write'], 'cases', 'write', true],
    [[], 'cases', 'read', false],
  ] as const)('%j allows %s:%s: %s', (granted, module, access, expected) => {
    expect(allows(granted, module, access)).toBe(expected);
  });
});
