import { randomUUID } from 'node:crypto';
import { call, createToken, newUser } from '../support/http';
import { devSignedSession, expectError, foreignSignedSession, unsignedSession } from '../support/contract';

const body = { name: 'Zapier Integration', scopes: ['*:write'] };

/** Every management route, as [method, path, body], for a token id that exists. */
const managementRoutes = (tokenId: string): Array<[string, string, unknown]> => [
  ['GET', '/tokens', undefined],
  ['POST', '/tokens', body],
  ['DELETE', `/tokens/${tokenId}`, undefined],
  ['POST', `/tokens/${tokenId}/roll`, { graceSeconds: 60 }],
];

const now = (): number => Math.floor(Date.now() / 1000);

/**
 * Sends every management route with `headers` as the given user, expects 401 session_required from each,
 * and checks that nothing changed: no token created, the existing one not revoked.
 */
const expectRefusedEverywhere = async (headers: Record<string, string>) => {
  const owner = await newUser();
  const existing = await createToken(owner.session);
  for (const [method, path, payload] of managementRoutes(existing.id)) {
    const reply = await call(method, path, { headers, body: payload });
    expectError(reply, 401, 'session_required');
  }
  return { owner, existing };
};

describe('management routes: who may call them', () => {
  it('refuses every management route without an Authorization header with 401 session_required', async () => {
    await expectRefusedEverywhere({});
  });

  it('refuses a garbage bearer credential with 401 session_required', async () => {
    await expectRefusedEverywhere({ authorization: 'Bearer not.a.jwt' });
  });

  it('refuses a non-Bearer scheme carrying a valid session with 401 session_required', async () => {
    const { session } = await newUser();
    await expectRefusedEverywhere({ authorization: `Basic ${session}` });
  });

  it('refuses an API token on every management route with 401 session_required, and changes nothing', async () => {
    const owner = await newUser();
    const existing = await createToken(owner.session, { scopes: ['*:write'] });
    for (const [method, path, payload] of managementRoutes(existing.id)) {
      const reply = await call(method, path, { auth: existing.token, body: payload });
      expectError(reply, 401, 'session_required');
    }
    const list = await call('GET', '/tokens', { auth: owner.session });
    expect(list.body.tokens.map((token: { id: string }) => token.id)).toEqual([existing.id]);
    expect((await call('GET', '/v1/whoami', { auth: existing.token })).status).toBe(200);
  });

  it('refuses a session JWT signed by a key the service does not trust, and changes nothing', async () => {
    const owner = await newUser();
    const existing = await createToken(owner.session);
    const forged = await foreignSignedSession(owner.userId);
    for (const [method, path, payload] of managementRoutes(existing.id)) {
      expectError(await call(method, path, { auth: forged, body: payload }), 401, 'session_required');
    }
    const list = await call('GET', '/tokens', { auth: owner.session });
    expect(list.body.tokens.map((token: { id: string }) => token.id)).toEqual([existing.id]);
    expect((await call('GET', '/v1/whoami', { auth: existing.token })).status).toBe(200);
  });

  it('refuses an unsigned (alg none) session JWT with 401 session_required', async () => {
    const owner = await newUser();
    const existing = await createToken(owner.session);
    const forged = unsignedSession(owner.userId);
    for (const [method, path, payload] of managementRoutes(existing.id)) {
      expectError(await call(method, path, { auth: forged, body: payload }), 401, 'session_required');
    }
    expect((await call('GET', '/tokens', { auth: owner.session })).body.tokens).toHaveLength(1);
  });

  it('refuses a session JWT whose payload was changed after signing (another sub) with 401 session_required', async () => {
    const { session } = await newUser();
    const [header, payload, signature] = session.split('.');
    const other = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()),
        sub: `user-${randomUUID()}`,
      }),
    ).toString('base64url');
    expectError(await call('GET', '/tokens', { auth: `${header}.${other}.${signature}` }), 401, 'session_required');
  });

  it.each([
    ['expired', { exp: now() - 60 }],
    ['for another issuer', { iss: 'https://evil.example' }],
    ['for another audience', { aud: 'some-other-api' }],
    ['without an expiry', { exp: null }],
    ['without an issue time', { iat: null }],
    ['issued in 2100', { iat: 4_102_444_800, exp: 4_102_448_400 }],
    ['issued ten minutes from now', { iat: now() + 600, exp: now() + 3600 }],
    ['valid for ten years', { iat: now(), exp: now() + 10 * 365 * 86_400 }],
    ['issued more than the maximum session age (24 h) ago', { iat: now() - 86_400 - 600, exp: now() + 3600 }],
  ])('refuses a correctly signed session JWT that is %s with 401 session_required', async (_, claims) => {
    const session = await devSignedSession({ sub: `user-${randomUUID()}`, ...claims });
    expectError(await call('GET', '/tokens', { auth: session }), 401, 'session_required');
    expectError(await call('POST', '/tokens', { auth: session, body }), 401, 'session_required');
  });

  it('refuses a correctly signed session JWT without a subject with 401 session_required', async () => {
    const session = await devSignedSession({});
    expectError(await call('GET', '/tokens', { auth: session }), 401, 'session_required');
    expectError(await call('POST', '/tokens', { auth: session, body }), 401, 'session_required');
  });

  it('control: accepts a session signed by the same helper with correct claims', async () => {
    const session = await devSignedSession({ sub: `user-${randomUUID()}` });
    expect((await call('GET', '/tokens', { auth: session })).status).toBe(200);
  });
});

describe('management routes: one user cannot reach another user’s tokens', () => {
  it('answers 404 token_not_found when user B revokes user A’s token, and A’s token keeps working', async () => {
    const alice = await newUser();
    const bob = await newUser();
    const token = await createToken(alice.session);

    expectError(await call('DELETE', `/tokens/${token.id}`, { auth: bob.session }), 404, 'token_not_found');

    const whoami = await call('GET', '/v1/whoami', { auth: token.token });
    expect(whoami.status).toBe(200);
    expect(whoami.body.userId).toBe(alice.userId);
    const list = await call('GET', '/tokens', { auth: alice.session });
    expect(list.body.tokens.map((view: { id: string }) => view.id)).toEqual([token.id]);
  });

  it('answers the same 404 for another user’s id as for an id that does not exist', async () => {
    const alice = await newUser();
    const bob = await newUser();
    const token = await createToken(alice.session);
    const someoneElses = await call('DELETE', `/tokens/${token.id}`, { auth: bob.session });
    const unknown = await call('DELETE', `/tokens/${randomUUID()}`, { auth: bob.session });
    expect(someoneElses.status).toBe(unknown.status);
    expect(someoneElses.body).toEqual(unknown.body);
  });

  it('never lists another user’s tokens', async () => {
    const alice = await newUser();
    const bob = await newUser();
    const alices = [await createToken(alice.session), await createToken(alice.session)];
    const bobs = await createToken(bob.session);

    const list = await call('GET', '/tokens', { auth: bob.session });
    expect(list.body.tokens.map((view: { id: string }) => view.id)).toEqual([bobs.id]);
    expect(list.body.active).toBe(1);
    const text = JSON.stringify(list.body);
    for (const token of alices) expect(text).not.toContain(token.id);
  });

  it('gives a new user an empty list even while other users have tokens', async () => {
    const alice = await newUser();
    await createToken(alice.session);
    const bob = await newUser();
    expect((await call('GET', '/tokens', { auth: bob.session })).body).toEqual({
      tokens: [],
      limit: 10,
      active: 0,
      next: null,
    });
  });

  it('refuses a body that tries to name the owner, and creates nothing', async () => {
    const alice = await newUser();
    const reply = await call('POST', '/tokens', {
      auth: alice.session,
      body: { ...body, userId: 'someone-else' },
    });
    expectError(reply, 400, 'invalid_request');
    expect((await call('GET', '/tokens', { auth: alice.session })).body.tokens).toEqual([]);
  });
});

describe('DELETE /tokens/{id}: hostile ids', () => {
  it.each([
    ['not a uuid', 'not-a-uuid'],
    ['a path traversal', '..%2F..%2Ftokens'],
    ['a NUL byte', '%00'],
    ['a key separator', 'TOKEN%23x'],
    ['a quote and a brace', '%22%7D'],
    ['2,000 characters', 'a'.repeat(2_000)],
    ['an uppercase copy of a uuid', randomUUID().toUpperCase()],
  ])('answers 404 token_not_found, not a 5xx, for an id that is %s', async (_, id) => {
    const { session } = await newUser();
    await createToken(session);
    expectError(await call('DELETE', `/tokens/${id}`, { auth: session }), 404, 'token_not_found');
    const list = await call('GET', '/tokens', { auth: session });
    expect(list.body.tokens).toHaveLength(1);
  });
});
