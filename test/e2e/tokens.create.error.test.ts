import { ERRORS } from '../../lib/contract';
import { call, newUser } from '../support/http';
import { daysFromNow, expectError } from '../support/contract';

/** POSTs `body` (a string is sent as it is) as a fresh user and answers the reply with that user's session. */
const create = async (body: unknown) => {
  const { session } = await newUser();
  return { reply: await call('POST', '/tokens', { auth: session, body }), session };
};

const valid = { name: 'Zapier Integration', scopes: ['cases:read'] };

/** A body that would be valid but for its size: whitespace is legal JSON, so only the size can refuse it. */
const paddedTo = (bytes: number): string => {
  const json = JSON.stringify(valid);
  return json.slice(0, -1) + ' '.repeat(bytes - json.length) + '}';
};

describe('POST /tokens (refused requests)', () => {
  it('refuses a body that is not JSON with 400 invalid_request', async () => {
    const { reply } = await create('{"name": "x", "scopes": [');
    expectError(reply, 400, 'invalid_request');
  });

  it('refuses an empty body with 400 invalid_request', async () => {
    const { session } = await newUser();
    const reply = await call('POST', '/tokens', { auth: session });
    expectError(reply, 400, 'invalid_request');
  });

  it.each([
    ['null', 'null'],
    ['an array', '[]'],
    ['a string', '"name"'],
    ['a number', '42'],
  ])('refuses a JSON body that is %s with 400 invalid_request', async (_, body) => {
    const { reply } = await create(body);
    expectError(reply, 400, 'invalid_request');
  });

  it('refuses an empty name with 400 invalid_request naming the field', async () => {
    const { reply } = await create({ ...valid, name: '' });
    expectError(reply, 400, 'invalid_request', /name/);
  });

  it('refuses a name of only whitespace with 400 invalid_request naming the field', async () => {
    const { reply } = await create({ ...valid, name: ' \t  ' });
    expectError(reply, 400, 'invalid_request', /name/);
  });

  it.each([
    ['a right-to-left override', '\u202Eexe.txt'],
    ['a right-to-left isolate', 'invoice\u2067fdp.exe\u2069'],
    ['a left-to-right mark', 'Zapier\u200E'],
    ['only zero-width spaces', '\u200B\u200B\u200B'],
    ['only combining marks', '\u0301\u0308'],
    ['a C1 control sequence introducer', 'Zapier\u009b31m'],
    ['a C1 next line', 'Zapier\u0085Integration'],
    ['an escape sequence', '\u001b[2JZapier'],
  ])(
    'refuses a name with %s with 400 invalid_request naming the field, not quoting it, creating nothing',
    async (_, name) => {
      const { reply, session } = await create({ ...valid, name });
      expectError(reply, 400, 'invalid_request', /^name: [ -~]+$/);
      expect((await call('GET', '/tokens', { auth: session })).body.tokens).toEqual([]);
    },
  );

  it('refuses a name of 65 characters with 400 invalid_request naming the field', async () => {
    const { reply } = await create({ ...valid, name: 'n'.repeat(65) });
    expectError(reply, 400, 'invalid_request', /name/);
  });

  it.each([
    ['a number', 42],
    ['null', null],
    ['an array', ['Zapier']],
    ['an object', { first: 'Zapier' }],
    ['a boolean', true],
  ])('refuses a name that is %s with 400 invalid_request naming the field', async (_, name) => {
    const { reply } = await create({ ...valid, name });
    expectError(reply, 400, 'invalid_request', /name/);
  });

  it('refuses a missing name with 400 invalid_request naming the field', async () => {
    const { reply } = await create({ scopes: ['cases:read'] });
    expectError(reply, 400, 'invalid_request', /name/);
  });

  it('refuses an expiresAt in the past with 400 invalid_request naming the field', async () => {
    const { reply } = await create({ ...valid, expiresAt: daysFromNow(-1) });
    expectError(reply, 400, 'invalid_request', /expiresAt/);
  });

  it.each([
    ['words', 'next tuesday'],
    ['an impossible date', '2031-13-45T25:61:00Z'],
    ['an empty string', ''],
    ['a number', 1_900_000_000_000],
    ['an object', { at: '2031-01-01T00:00:00Z' }],
  ])('refuses an expiresAt that is %s with 400 invalid_request naming the field', async (_, expiresAt) => {
    const { reply } = await create({ ...valid, expiresAt });
    expectError(reply, 400, 'invalid_request', /expiresAt/);
  });

  it('refuses an unknown scope with 400 invalid_request naming the field', async () => {
    const { reply } = await create({ ...valid, scopes: ['cases:read', 'payroll:read'] });
    expectError(reply, 400, 'invalid_request', /scopes/);
  });

  it.each([['cases:admin'], ['cases'], ['*'], ['*:*'], ['CASES:READ'], [' cases:read'], ['']])(
    'refuses the malformed scope %j with 400 invalid_request',
    async (scope) => {
      const { reply } = await create({ ...valid, scopes: [scope] });
      expectError(reply, 400, 'invalid_request', /scopes/);
    },
  );

  it('refuses an empty scopes array with 400 invalid_request naming the field', async () => {
    const { reply } = await create({ ...valid, scopes: [] });
    expectError(reply, 400, 'invalid_request', /scopes/);
  });

  it('refuses missing scopes with 400 invalid_request naming the field', async () => {
    const { reply } = await create({ name: 'Zapier Integration' });
    expectError(reply, 400, 'invalid_request', /scopes/);
  });

  it.each([
    ['a string', 'cases:read'],
    ['null', null],
    ['an object', { 'cases:read': true }],
    ['an array of numbers', [1]],
  ])('refuses scopes that are %s with 400 invalid_request naming the field', async (_, scopes) => {
    const { reply } = await create({ ...valid, scopes });
    expectError(reply, 400, 'invalid_request', /scopes/);
  });

  it('accepts the same whitespace-padded body at 8 kB, below the size limit', async () => {
    const { reply } = await create(paddedTo(8_000));
    expect(reply.status).toBe(201);
  });

  it('refuses an otherwise valid body of 20 kB with 400 invalid_request', async () => {
    const { reply } = await create(paddedTo(20_000));
    expectError(reply, 400, 'invalid_request');
  });

  it('refuses an otherwise valid body of 2 MB with 400 invalid_request', async () => {
    const { reply } = await create(paddedTo(2_000_000));
    expectError(reply, 400, 'invalid_request');
  });

  it('refuses a body above the 10 MB gateway limit with 413 payload_too_large', async () => {
    const { reply } = await create(paddedTo(11_000_000));
    // API Gateway answers with its REQUEST_TOO_LARGE response of infra/gateway-responses.ts.
    expectError(reply, 413, 'payload_too_large', ERRORS.payload_too_large.message);
  });

  it('creates no token when the request is refused', async () => {
    const { session } = await create({ ...valid, scopes: ['payroll:read'] });
    const list = await call('GET', '/tokens', { auth: session });
    expect(list.body.tokens).toEqual([]);
    expect(list.body.active).toBe(0);
  });
});
