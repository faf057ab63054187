import { ApiError } from '../../../../lib/errors';
import { parseBody } from '../../../../lib/http/body';
import {
  createTokenSchema,
  DESCRIPTION_MAX_LENGTH,
  NAME_MAX_LENGTH,
  updateTokenSchema,
} from '../../../../lib/tokens/schemas';
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

  it.each([
    ['a NUL', 'a\u0000b', 'control characters'],
    ['an escape', '\u001b[31mred', 'control characters'],
    ['a DEL', 'a\u007fb', 'control characters'],
    ['a C1 control sequence introducer', 'a\u009b31mb', 'control characters'],
    ['a C1 next line', 'first\u0085second', 'control characters'],
    ['a line separator', 'first\u2028second', 'control characters'],
    ['a right-to-left override', '\u202Eexe.txt', 'bidirectional'],
    ['a left-to-right embedding', 'a\u202Ab', 'bidirectional'],
    ['a pop directional formatting', 'ab\u202C', 'bidirectional'],
    ['a right-to-left isolate', 'a\u2067b\u2069', 'bidirectional'],
    ['a first strong isolate', 'a\u2068b', 'bidirectional'],
    ['a left-to-right mark', 'a\u200Eb', 'bidirectional'],
    ['a right-to-left mark', 'a\u200Fb', 'bidirectional'],
    ['an Arabic letter mark', 'a\u061Cb', 'bidirectional'],
    ['only zero-width spaces', '\u200B\u200B\u200B', 'visible'],
    ['only zero-width joiners and non-joiners', '\u200C\u200D', 'visible'],
    ['only a word joiner and a byte order mark', '\u2060\uFEFF', 'visible'],
    ['only combining marks', '\u0301\u0308\u0327', 'visible'],
    ['only spaces around a zero-width space', '\u00A0\u200B\u3000', 'visible'],
    ['only Hangul fillers', '\u3164\u3164', 'visible'],
    ['only braille blanks', '\u2800\u2800', 'visible'],
    ['a lone surrogate', 'a\uD800b', 'Unicode'],
  ])('refuses a name with %s, saying why without quoting it', (_case, name, reason) => {
    const message = refusal({ name, scopes: ['cases:read'] });
    expect(message).toContain(reason);
    // Printable ASCII only: nothing of the hostile name comes back.
    expect(message).toMatch(/^name: [ -~]+$/);
  });

  it.each([
    ['accents', 'Café Zürich', 'Café Zürich'],
    ['right-to-left script', 'מפתח API', 'מפתח API'],
    ['an emoji sequence with joiners', 'Family 👨\u200D👩\u200D👧', 'Family 👨\u200D👩\u200D👧'],
    ['CJK', '集成 トークン', '集成 トークン'],
  ])('accepts a name with %s', (_case, name, stored) => {
    expect(parse({ name, scopes: ['cases:read'] }).name).toBe(stored);
  });

  it('stores a name in NFC, so that the same name typed two ways is one name', () => {
    const decomposed = 'Cafe\u0301';
    expect(parse({ name: decomposed, scopes: ['cases:read'] }).name).toBe('Caf\u00E9');
    expect(parse({ name: 'Caf\u00E9', scopes: ['cases:read'] }).name).toBe('Caf\u00E9');
  });

  it('checks the length after NFC: 64 decomposed letters with their accents are 64 characters', () => {
    const decomposed = 'e\u0301'.repeat(NAME_MAX_LENGTH);
    expect(decomposed).toHaveLength(2 * NAME_MAX_LENGTH);
    expect(parse({ name: decomposed, scopes: ['cases:read'] }).name).toBe('\u00E9'.repeat(NAME_MAX_LENGTH));
    expect(refusal({ name: `${decomposed}e`, scopes: ['cases:read'] })).toMatch(/^name: must be at most 64/);
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

describe('updateTokenSchema', () => {
  const update = (body: unknown) => parseBody(updateTokenSchema, JSON.stringify(body));
  const updateRefusal = (body: unknown): string => {
    try {
      update(body);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'invalid_request') return error.message;
      throw error;
    }
    throw new Error('expected a 400');
  };

  it('takes any of name, description and disabled, normalising text as the create body does', () => {
    expect(update({ name: ' Cafe\u0301 ' })).toEqual({ name: 'Caf\u00e9' });
    expect(update({ description: null, disabled: true })).toEqual({ description: null, disabled: true });
  });

  it('refuses an empty body, an unknown field and a disabled that is not a boolean', () => {
    expect(updateRefusal({})).toMatch(/^body: /);
    expect(updateRefusal({ expiresAt: null })).toMatch(/./);
    expect(updateRefusal({ disabled: 'true' })).toBe('disabled: must be true or false');
  });

  it(`bounds the description at ${DESCRIPTION_MAX_LENGTH} characters, with the name's rules on hostile text`, () => {
    expect(update({ description: 'd'.repeat(DESCRIPTION_MAX_LENGTH) }).description).toHaveLength(
      DESCRIPTION_MAX_LENGTH,
    );
    expect(updateRefusal({ description: 'd'.repeat(DESCRIPTION_MAX_LENGTH + 1) })).toMatch(/^description: /);
    expect(updateRefusal({ description: 'a\u202eb' })).toBe(
      'description: must not contain bidirectional control characters',
    );
    expect(updateRefusal({ description: '\u200b' })).toBe('description: must contain a visible character');
  });
});
