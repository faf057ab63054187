import { setTimeout as sleep } from 'node:timers/promises';
import type { OpenApiDocument } from '../../lib/openapi/types';
import { daysFromNow, msFromNow, neverIssuedToken, waitUntilPast } from '../support/contract';
import {
  call,
  createToken,
  createUpToRateLimit,
  newUser,
  RATE_TEST_TIMEOUT_MS,
  rollUpToRateLimit,
  type Reply,
} from '../support/http';
import { emitDueNotices } from '../support/expiry-notices';
import { signedHeaders, standInKey } from '../support/leaks';
import { documentedAnswers, replyChecker, resolveRef } from '../support/openapi';
import { nextAddress, postFrom } from '../support/post-from';

// Real answers of the running service, success and error, checked against the document it serves.

const USAGE_WAIT_MS = 30_000;

let document: OpenApiDocument;
let check: ReturnType<typeof replyChecker>;
const answered = new Set<string>();

/** Checks `reply` is an answer the document lists for `method` on the path template `path`, with a body its schema accepts. */
const expectDocumented = (method: string, path: string, reply: Reply): void => {
  const code = reply.status >= 400 && typeof reply.body?.code === 'string' ? reply.body.code : '';
  answered.add(`${method} ${path} ${reply.status} ${code}`.trim());
  expect(check(method, path, reply)).toEqual([]);
};

let owner: { userId: string; session: string };
let shortLived: { id: string; token: string; expiresAt: string | null };

beforeAll(async () => {
  const reply = await call('GET', '/openapi.json');
  if (reply.status !== 200) throw new Error(`GET /openapi.json answered ${reply.status}`);
  document = reply.body;
  check = replyChecker(document);
  owner = await newUser();
  // Expires while the tests below run, for the token_expired answers at the end.
  shortLived = await createToken(owner.session, {
    name: 'short-lived',
    scopes: ['*:write'],
    expiresAt: msFromNow(4_000),
  });
});

describe('GET /openapi.json', () => {
  it('answers 200 with an OpenAPI 3.1 document that documents itself', async () => {
    const reply = await call('GET', '/openapi.json');
    expectDocumented('GET', '/openapi.json', reply);
    expect(reply.body.openapi).toMatch(/^3\.1\.\d+$/);
  });

  it('offers exactly the scopes that GET /scopes lists in the create body', async () => {
    const scopes = await call('GET', '/scopes');
    const offered = resolveRef(document, '#/components/schemas/CreateTokenRequest/properties/scopes/items/enum');
    expect(offered).toEqual(scopes.body.scopes);
  });
});

describe('public routes against the document', () => {
  it('GET /health 200', async () => {
    expectDocumented('GET', '/health', await call('GET', '/health'));
  });

  it('GET /scopes 200', async () => {
    expectDocumented('GET', '/scopes', await call('GET', '/scopes'));
  });
});

describe('management routes against the document', () => {
  it('POST /tokens 201, with and without an expiry', async () => {
    const { session } = await newUser();
    const body = { name: 'Zapier Integration', scopes: ['cases:read', 'invoices:write'] };
    expectDocumented('POST', '/tokens', await call('POST', '/tokens', { auth: session, body }));
    const expiring = { ...body, name: 'expiring', expiresAt: daysFromNow(3) };
    expectDocumented('POST', '/tokens', await call('POST', '/tokens', { auth: session, body: expiring }));
  });

  it.each([
    ['an unknown scope', { name: 'n', scopes: ['payroll:read'] }],
    ['no name', { scopes: ['cases:read'] }],
    ['an expiry in the past', { name: 'n', scopes: ['cases:read'], expiresAt: daysFromNow(-1) }],
    ['a body that is not JSON', '{"name":'],
  ])('POST /tokens 400 for %s', async (_, body) => {
    const { session } = await newUser();
    expectDocumented('POST', '/tokens', await call('POST', '/tokens', { auth: session, body }));
  });

  it('POST /tokens 401 without a session, and with an API token', async () => {
    const body = { name: 'n', scopes: ['cases:read'] };
    expectDocumented('POST', '/tokens', await call('POST', '/tokens', { body }));
    expectDocumented('POST', '/tokens', await call('POST', '/tokens', { auth: shortLived.token, body }));
  });

  it('POST /tokens 409 once the user has 10 working tokens', async () => {
    const { session } = await newUser();
    for (let i = 0; i < 10; i++) await createToken(session, { name: `token ${i}` });
    const reply = await call('POST', '/tokens', { auth: session, body: { name: 'eleventh', scopes: ['cases:read'] } });
    expect(reply.status).toBe(409);
    expectDocumented('POST', '/tokens', reply);
  });

  it('POST /tokens 409 token_name_taken for a second working token of one name', async () => {
    const { session } = await newUser();
    await createToken(session, { name: 'Zapier' });
    const reply = await call('POST', '/tokens', { auth: session, body: { name: 'Zapier', scopes: ['cases:read'] } });
    expect(reply.body.code).toBe('token_name_taken');
    expectDocumented('POST', '/tokens', reply);
  });

  it(
    'POST /tokens 429 once the user has created as many tokens as an hour allows',
    async () => {
      const { session } = await newUser();
      await createUpToRateLimit(session);
      const reply = await call('POST', '/tokens', {
        auth: session,
        body: { name: 'one more', scopes: ['cases:read'] },
      });
      expect(reply.status).toBe(429);
      expectDocumented('POST', '/tokens', reply);
    },
    RATE_TEST_TIMEOUT_MS,
  );

  it('GET /tokens 200 with active, expiring and never-expiring tokens, and 401 without a session', async () => {
    const { session } = await newUser();
    await createToken(session, { name: 'forever' });
    await createToken(session, { name: 'soon', expiresAt: daysFromNow(2) });
    await createToken(session, { name: 'later', expiresAt: daysFromNow(60) });
    const reply = await call('GET', '/tokens', { auth: session });
    expect(reply.body.tokens).toHaveLength(3);
    expectDocumented('GET', '/tokens', reply);
    expectDocumented('GET', '/tokens', await call('GET', '/tokens'));
  });

  it('GET /tokens 200 a page at a time with pageSize and cursor, and 400 for a bad pageSize', async () => {
    const { session } = await newUser();
    await createToken(session, { name: 'soon', expiresAt: msFromNow(1_000) });
    await createToken(session, { name: 'forever' });
    await waitUntilPast(msFromNow(1_000));
    const first = await call('GET', '/tokens?pageSize=1', { auth: session });
    expect(first.body.next).toEqual(expect.any(String));
    expectDocumented('GET', '/tokens', first);
    const cursor = encodeURIComponent(first.body.next);
    expectDocumented('GET', '/tokens', await call('GET', `/tokens?pageSize=1&cursor=${cursor}`, { auth: session }));
    expectDocumented('GET', '/tokens', await call('GET', '/tokens?pageSize=0', { auth: session }));
  });

  it('DELETE /tokens/{id} 204, then 404, and 401 without a session', async () => {
    const { session } = await newUser();
    const created = await createToken(session);
    expectDocumented('DELETE', '/tokens/{id}', await call('DELETE', `/tokens/${created.id}`, { auth: session }));
    expectDocumented('DELETE', '/tokens/{id}', await call('DELETE', `/tokens/${created.id}`, { auth: session }));
    expectDocumented('DELETE', '/tokens/{id}', await call('DELETE', `/tokens/${created.id}`));
  });

  it('GET /tokens?status=revoked 200 with a revoked token', async () => {
    const { session } = await newUser();
    const created = await createToken(session);
    await call('DELETE', `/tokens/${created.id}`, { auth: session });
    const reply = await call('GET', '/tokens?status=revoked', { auth: session });
    expect(reply.body.tokens).toHaveLength(1);
    expectDocumented('GET', '/tokens', reply);
  });

  it('PATCH /tokens/{id} 200, 400, 404, 409 and 401 without a session', async () => {
    const { session } = await newUser();
    const created = await createToken(session, { name: 'first' });
    await createToken(session, { name: 'second' });
    const patch = (id: string, body: unknown) => call('PATCH', `/tokens/${id}`, { auth: session, body });
    expectDocumented('PATCH', '/tokens/{id}', await patch(created.id, { description: 'd', disabled: true }));
    expectDocumented('PATCH', '/tokens/{id}', await patch(created.id, {}));
    expectDocumented('PATCH', '/tokens/{id}', await patch('00000000-0000-4000-8000-000000000000', { name: 'x' }));
    expectDocumented('PATCH', '/tokens/{id}', await patch(created.id, { name: 'second' }));
    expectDocumented('PATCH', '/tokens/{id}', await call('PATCH', `/tokens/${created.id}`, { body: { name: 'x' } }));
  });

  it('GET /audit 200 a page at a time, 400 for a bad cursor, 401 without a session', async () => {
    const { session } = await newUser();
    await createToken(session);
    const reply = await call('GET', '/audit', { auth: session });
    expect(reply.body.events).toHaveLength(1);
    expectDocumented('GET', '/audit', reply);
    expectDocumented('GET', '/audit', await call('GET', '/audit?cursor=nope', { auth: session }));
    expectDocumented('GET', '/audit', await call('GET', '/audit'));
  });

  it('GET /notices 200 with a notice the expiry emitter sent, and 401 without a session', async () => {
    const { session } = await newUser();
    await createToken(session, { expiresAt: daysFromNow(2) });
    await emitDueNotices();
    const reply = await call('GET', '/notices', { auth: session });
    expect(reply.body.notices).toHaveLength(1);
    expectDocumented('GET', '/notices', reply);
    expectDocumented('GET', '/notices', await call('GET', '/notices'));
  });

  it('POST /tokens/{id}/roll 201, 400 for a bad grace, 404 once rolled, 409 at the limit, 401 without a session', async () => {
    const { session } = await newUser();
    const created = await createToken(session);
    const roll = (id: string, body: unknown, auth: string | null = session) =>
      call('POST', `/tokens/${id}/roll`, { auth: auth ?? undefined, body });
    expectDocumented('POST', '/tokens/{id}/roll', await roll(created.id, { graceSeconds: 604801 }));
    expectDocumented('POST', '/tokens/{id}/roll', await roll(created.id, { graceSeconds: 0 }, null));
    expectDocumented('POST', '/tokens/{id}/roll', await roll(created.id, { graceSeconds: 60 }));
    expectDocumented('POST', '/tokens/{id}/roll', await roll(created.id, { graceSeconds: 60 }));
    for (let i = 0; i < 7; i++) await createToken(session, { name: `token ${i}` });
    const full = await createToken(session, { name: 'tenth' });
    const refused = await roll(full.id, { graceSeconds: 60 });
    expect(refused.status).toBe(409);
    expectDocumented('POST', '/tokens/{id}/roll', refused);
  });

  it(
    'POST /tokens/{id}/roll 429 once the user has created as many tokens as an hour allows, rolls included',
    async () => {
      const { session } = await newUser();
      const id = await rollUpToRateLimit(session);
      const reply = await call('POST', `/tokens/${id}/roll`, { auth: session, body: {} });
      expect(reply.status).toBe(429);
      expectDocumented('POST', '/tokens/{id}/roll', reply);
    },
    RATE_TEST_TIMEOUT_MS,
  );

  it('GET /tokens/{id}/usage 200 once the token has been used, 404 for an unknown id, 401 without a session', async () => {
    const { session } = await newUser();
    const created = await createToken(session, { scopes: ['cases:read'] });
    expect((await call('GET', '/v1/cases', { auth: created.token })).status).toBe(200);
    expect((await call('POST', '/v1/cases', { auth: created.token, body: {} })).status).toBe(401);
    const path = `/tokens/${created.id}/usage`;
    let reply = await call('GET', path, { auth: session });
    for (const deadline = Date.now() + USAGE_WAIT_MS; reply.body?.lastUsedAt === null && Date.now() < deadline;) {
      await sleep(250);
      reply = await call('GET', path, { auth: session });
    }
    expect(reply.body.ips).toHaveLength(1);
    expectDocumented('GET', '/tokens/{id}/usage', reply);
    expectDocumented('GET', '/tokens/{id}/usage', await call('GET', '/tokens/no-such-token/usage', { auth: session }));
    expectDocumented('GET', '/tokens/{id}/usage', await call('GET', path));
  });
});

describe('leak reports against the document', () => {
  const leaks = (tokens: string[]) => JSON.stringify({ tokens });

  it('POST /leaks 202, 400 for a bad body, 429 past the per-address limit', async () => {
    const address = nextAddress();
    expectDocumented('POST', '/leaks', await postFrom(address, '/leaks', leaks([neverIssuedToken()])));
    expectDocumented('POST', '/leaks', await postFrom(address, '/leaks', '{"tokens":'));
    let reply = await postFrom(address, '/leaks', leaks([neverIssuedToken()]));
    for (let i = 0; i < 20 && reply.status !== 429; i++) reply = await postFrom(address, '/leaks', leaks(['x']));
    expect(reply.status).toBe(429);
    expectDocumented('POST', '/leaks', reply);
  });

  it('POST /leaks/github 202 signed, 401 unsigned, 400 for a signed body of another shape', async () => {
    const signed = JSON.stringify([
      { token: neverIssuedToken(), type: 'mp_test', url: 'https://x.test', source: 'content' },
    ]);
    const key = standInKey();
    expectDocumented(
      'POST',
      '/leaks/github',
      await postFrom(nextAddress(), '/leaks/github', signed, signedHeaders(key, signed)),
    );
    expectDocumented('POST', '/leaks/github', await postFrom(nextAddress(), '/leaks/github', signed));
    const other = '{"tokens":[]}';
    expectDocumented(
      'POST',
      '/leaks/github',
      await postFrom(nextAddress(), '/leaks/github', other, signedHeaders(key, other)),
    );
  });
});

describe('protected routes against the document', () => {
  it('GET /v1/whoami 200, and 401 without a token and with a token never issued', async () => {
    const created = await createToken(owner.session, { scopes: ['cases:read'] });
    expectDocumented('GET', '/v1/whoami', await call('GET', '/v1/whoami', { auth: created.token }));
    expectDocumented('GET', '/v1/whoami', await call('GET', '/v1/whoami'));
    expectDocumented('GET', '/v1/whoami', await call('GET', '/v1/whoami', { auth: neverIssuedToken() }));
  });

  it.each(['GET', 'POST'])(
    '%s /v1/{module} 200, 401 for each refusal, 404 for an unconfigured module',
    async (method) => {
      const reader = await createToken(owner.session, { scopes: ['cases:read'] });
      const writer = await createToken(owner.session, { scopes: ['*:write'] });
      const send = (path: string, auth?: string) =>
        call(method, path, { auth, body: method === 'POST' ? {} : undefined });
      expectDocumented(method, '/v1/{module}', await send('/v1/cases', writer.token));
      expectDocumented(method, '/v1/{module}', await send('/v1/cases'));
      expectDocumented(method, '/v1/{module}', await send('/v1/cases', neverIssuedToken()));
      expectDocumented(method, '/v1/{module}', await send('/v1/invoices', reader.token));
      const unknown = await send('/v1/payroll', writer.token);
      expect(unknown.status).toBe(404);
      expectDocumented(method, '/v1/{module}', unknown);
    },
  );

  it('GET /v1/whoami and GET|POST /v1/{module} 401 for a disabled token', async () => {
    const created = await createToken(owner.session, { scopes: ['*:write'] });
    await call('PATCH', `/tokens/${created.id}`, { auth: owner.session, body: { disabled: true } });
    expectDocumented('GET', '/v1/whoami', await call('GET', '/v1/whoami', { auth: created.token }));
    expectDocumented('GET', '/v1/{module}', await call('GET', '/v1/cases', { auth: created.token }));
    expectDocumented('POST', '/v1/{module}', await call('POST', '/v1/cases', { auth: created.token, body: {} }));
  });

  it('GET /v1/whoami and GET|POST /v1/{module} 401 for an expired token', async () => {
    await waitUntilPast(shortLived.expiresAt ?? '');
    expectDocumented('GET', '/v1/whoami', await call('GET', '/v1/whoami', { auth: shortLived.token }));
    expectDocumented('GET', '/v1/{module}', await call('GET', '/v1/cases', { auth: shortLived.token }));
    expectDocumented('POST', '/v1/{module}', await call('POST', '/v1/cases', { auth: shortLived.token, body: {} }));
  });
});

describe('coverage of the document', () => {
  // The tests above run in order; this one reads what they answered.
  // A stalled database (service_unavailable) is test/e2e/faults.test.ts's, on a service of its own.
  it('has seen every documented answer but the faults, each code and status as documented', () => {
    const expected = documentedAnswers(document).filter(
      (answer) => !answer.endsWith(' internal_error') && !answer.endsWith(' service_unavailable'),
    );
    expect([...answered].sort()).toEqual(expected.sort());
  });
});
