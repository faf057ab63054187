import { ApiError } from '../../../../lib/errors';
import { parseBody } from '../../../../lib/http/body';
import { createTokenSchema } from '../../../../lib/tokens/schemas';
import { DAY_MS } from '../../../../lib/time';
import { tokenSettings } from '../../../support/config';

const now = new Date('2026-03-10T12:00:00.000Z');
const settings = tokenSettings();
const yearCapped = tokenSettings({ TOKEN_MAX_LIFETIME_DAYS: '365' });

const parse = (body: unknown, tokens = settings) => parseBody(createTokenSchema(tokens, now), JSON.stringify(body));
const refusal = (body: unknown, tokens = settings): string => {
  try {
    parse(body, tokens);
  } catch (error) {
    if (error instanceof ApiError && error.code === 'invalid_request') return error.message;
    throw error;
  }
  throw new Error('expected a 400');
};
const inDays = (days: number): string => new Date(now.getTime() + days * DAY_MS).toISOString();

describe('createTokenSchema', () => {
  it('accepts a name, scopes and no expiry, trimming the name', () => {
    expect(parse({ name: '  Zapier Integration ', scopes: ['cases:read'] })).toEqual({
      name: 'Zapier Integration',
      scopes: ['cases:read'],
      expiresAt: null,
    });
  });

  it('accepts a future expiry with a time zone, and null for never', () => {
    expect(parse({ name: 'n', scopes: ['*:read'], expiresAt: inDays(30) }).expiresAt).toEqual(new Date(inDays(30)));
    expect(parse({ name: 'n', scopes: ['*:read'], expiresAt: '2026-03-20T10:00:00+02:00' }).expiresAt).toEqual(
      new Date('2026-03-20T08:00:00Z'),
    );
    expect(parse({ name: 'n', scopes: ['*:read'], expiresAt: null }).expiresAt).toBeNull();
  });

  it.each([
    [{ scopes: ['cases:read'] }, 'name'],
    [{ name: '   ', scopes: ['cases:read'] }, 'name'],
    [{ name: 'x'.repeat(65), scopes: ['cases:read'] }, 'name'],
    [{ name: 42, scopes: ['cases:read'] }, 'name'],
    [{ name: 'a\u0000b', scopes: ['cases:read'] }, 'name'],
    [{ name: 'n' }, 'scopes'],
    [{ name: 'n', scopes: [] }, 'scopes'],
    [{ name: 'n', scopes: 'cases:read' }, 'scopes'],
    [{ name: 'n', scopes: ['cases:admin'] }, 'scopes'],
    [{ name: 'n', scopes: [7] }, 'scopes'],
    [{ name: 'n', scopes: ['cases:read'], expiresAt: inDays(-1) }, 'expiresAt'],
    [{ name: 'n', scopes: ['cases:read'], expiresAt: now.toISOString() }, 'expiresAt'],
    [{ name: 'n', scopes: ['cases:read'], expiresAt: 'tomorrow' }, 'expiresAt'],
    [{ name: 'n', scopes: ['cases:read'], expiresAt: '2026-04-01T00:00:00' }, 'expiresAt'],
    [{ name: 'n', scopes: ['cases:read'], expiresAt: 1767225600 }, 'expiresAt'],
    [{ name: 'n', scopes: ['cases:read'], extra: true }, 'body'],
  ])('refuses %j, naming %s', (body, field) => {
    expect(refusal(body)).toMatch(new RegExp(`^${field}`));
  });

  it('names the unknown scope and the known ones', () => {
    expect(refusal({ name: 'n', scopes: ['cases:read', 'payroll:read'] })).toContain('payroll:read');
  });

  it('enforces the configured maximum lifetime, including on tokens that never expire', () => {
    expect(parse({ name: 'n', scopes: ['*:read'], expiresAt: inDays(365) }, yearCapped).expiresAt).toEqual(
      new Date(inDays(365)),
    );
    expect(refusal({ name: 'n', scopes: ['*:read'], expiresAt: inDays(366) }, yearCapped)).toMatch(
      /^expiresAt: .*365 days/,
    );
    expect(refusal({ name: 'n', scopes: ['*:read'] }, yearCapped)).toMatch(/^expiresAt: .*365 days/);
    expect(refusal({ name: 'n', scopes: ['*:read'], expiresAt: null }, yearCapped)).toMatch(/^expiresAt/);
  });
});

describe('parseBody', () => {
  it('refuses a missing body, bad JSON and an oversized body', () => {
    const schema = createTokenSchema(settings, now);
    expect(() => parseBody(schema, null)).toThrow('Request body is required');
    expect(() => parseBody(schema, '{"name":')).toThrow('not valid JSON');
    expect(() => parseBody(schema, JSON.stringify({ name: 'x'.repeat(20_000), scopes: ['*:read'] }))).toThrow(
      'exceeds',
    );
    expect(() => parseBody(schema, '[]')).toThrow(ApiError);
  });
});
