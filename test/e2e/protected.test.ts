import { call, createToken, newUser } from '../support/http';
import { expectError, MESSAGES, mistype, msFromNow, neverIssuedToken, waitUntilPast } from '../support/contract';

describe('GET /v1/whoami', () => {
  it('answers exactly userId, tokenId and scopes for a valid token', async () => {
    const { userId, session } = await newUser();
    const created = await createToken(session, { scopes: ['invoices:write', 'cases:read'] });
    const reply = await call('GET', '/v1/whoami', { auth: created.token });
    expect(reply.status).toBe(200);
    expect(Object.keys(reply.body).sort()).toEqual(['scopes', 'tokenId', 'userId']);
    expect(reply.body.userId).toBe(userId);
    expect(reply.body.tokenId).toBe(created.id);
    expect([...reply.body.scopes].sort()).toEqual(['cases:read', 'invoices:write']);
  });

  it.each([['*:read'], ['*:write'], ['applicants:read'], ['cases:write'], ['invoices:read']])(
    'works with a token whose only scope is %s',
    async (scope) => {
      const { session } = await newUser();
      const created = await createToken(session, { scopes: [scope] });
      const reply = await call('GET', '/v1/whoami', { auth: created.token });
      expect(reply.status).toBe(200);
      expect(reply.body.scopes).toEqual([scope]);
    },
  );

  it('works with a token that expires in the future', async () => {
    const { session } = await newUser();
    const created = await createToken(session, { expiresAt: msFromNow(3_600_000) });
    expect((await call('GET', '/v1/whoami', { auth: created.token })).status).toBe(200);
  });
});

describe('protected routes: missing credential', () => {
  it('answers 401 token_missing without an Authorization header', async () => {
    expectError(await call('GET', '/v1/whoami'), 401, 'token_missing');
  });

  it('answers 401 token_missing without an Authorization header on a module route', async () => {
    expectError(await call('GET', '/v1/cases'), 401, 'token_missing');
    expectError(await call('POST', '/v1/cases', { body: {} }), 401, 'token_missing');
  });

  it('answers 401 token_missing to a Basic credential', async () => {
    const reply = await call('GET', '/v1/whoami', { headers: { authorization: 'Basic abc' } });
    expectError(reply, 401, 'token_missing');
  });

  it('does not accept a valid API token sent with a scheme other than Bearer', async () => {
    const { session } = await newUser();
    const created = await createToken(session);
    for (const scheme of ['Basic', 'Token', 'Bearer:']) {
      const reply = await call('GET', '/v1/whoami', { headers: { authorization: `${scheme} ${created.token}` } });
      expectError(reply, 401, 'token_missing');
    }
    const bare = await call('GET', '/v1/whoami', { headers: { authorization: created.token } });
    expectError(bare, 401, 'token_missing');
  });

  it('answers 401 token_missing to an empty Bearer credential', async () => {
    const reply = await call('GET', '/v1/whoami', { headers: { authorization: 'Bearer ' } });
    expectError(reply, 401, 'token_missing');
  });
});

describe('protected routes: tokens that are not valid here', () => {
  it('answers 401 token_invalid "Invalid access token provided" to a well-formed token that was never issued', async () => {
    const reply = await call('GET', '/v1/whoami', { auth: neverIssuedToken('test') });
    expectError(reply, 401, 'token_invalid', MESSAGES.tokenInvalid);
  });

  it('answers 401 token_invalid to an issued token with one character changed', async () => {
    const { session } = await newUser();
    const created = await createToken(session);
    const reply = await call('GET', '/v1/whoami', { auth: mistype(created.token) });
    expectError(reply, 401, 'token_invalid', MESSAGES.tokenInvalid);
  });

  it('answers 401 token_invalid to an issued token with its last character dropped or one added', async () => {
    const { session } = await newUser();
    const created = await createToken(session);
    for (const variant of [created.token.slice(0, -1), `${created.token}a`]) {
      expectError(await call('GET', '/v1/whoami', { auth: variant }), 401, 'token_invalid', MESSAGES.tokenInvalid);
    }
  });

  it('answers 401 token_invalid to an issued token turned into a live-environment token', async () => {
    const { session } = await newUser();
    const created = await createToken(session);
    const live = created.token.replace('_test_', '_live_');
    expect(live).not.toBe(created.token);
    const reply = await call('GET', '/v1/whoami', { auth: live });
    expectError(reply, 401, 'token_invalid', MESSAGES.tokenInvalid);
    // The original still works: only the environment made the difference.
    expect((await call('GET', '/v1/whoami', { auth: created.token })).status).toBe(200);
  });

  it('answers 401 token_invalid to a live-environment token with a correct checksum', async () => {
    const reply = await call('GET', '/v1/whoami', { auth: neverIssuedToken('live') });
    expectError(reply, 401, 'token_invalid', MESSAGES.tokenInvalid);
  });

  it('answers 401 token_invalid to an issued token under another prefix', async () => {
    const { session } = await newUser();
    const created = await createToken(session);
    const reply = await call('GET', '/v1/whoami', { auth: created.token.replace(/^mp_/, 'xx_') });
    expectError(reply, 401, 'token_invalid', MESSAGES.tokenInvalid);
  });

  it.each([
    ['random text', 'hello'],
    ['the bare prefix', 'mp_test_'],
    ['a token-shaped string of the wrong length', `mp_test_${'A'.repeat(20)}`],
    ['an SQL-injection-shaped string', "'OR'1'='1'--"],
  ])('answers 401 token_invalid to %s', async (_, credential) => {
    expectError(await call('GET', '/v1/whoami', { auth: credential }), 401, 'token_invalid', MESSAGES.tokenInvalid);
  });

  it('answers 401, never a 5xx, to an oversized bearer credential', async () => {
    const reply = await call('GET', '/v1/whoami', { auth: `mp_test_${'A'.repeat(8_000)}` });
    expect(reply.status).toBe(401);
    expect(['token_invalid', 'token_missing']).toContain(reply.body.code);
  });

  it('answers 401 token_invalid to a revoked token', async () => {
    const { session } = await newUser();
    const created = await createToken(session);
    expect((await call('DELETE', `/tokens/${created.id}`, { auth: session })).status).toBe(204);
    const reply = await call('GET', '/v1/whoami', { auth: created.token });
    expectError(reply, 401, 'token_invalid', MESSAGES.tokenInvalid);
  });

  it('answers 401 token_invalid to a session JWT, on whoami and on module routes', async () => {
    const { session } = await newUser();
    expectError(await call('GET', '/v1/whoami', { auth: session }), 401, 'token_invalid', MESSAGES.tokenInvalid);
    expectError(await call('GET', '/v1/cases', { auth: session }), 401, 'token_invalid', MESSAGES.tokenInvalid);
    expectError(
      await call('POST', '/v1/cases', { auth: session, body: {} }),
      401,
      'token_invalid',
      MESSAGES.tokenInvalid,
    );
  });

  it('answers 401 token_expired "API token has expired" once the expiry has passed', async () => {
    const { session } = await newUser();
    const created = await createToken(session, { scopes: ['*:write'], expiresAt: msFromNow(4_000) });
    expect((await call('GET', '/v1/whoami', { auth: created.token })).status).toBe(200);

    await waitUntilPast(created.expiresAt ?? '');
    expectError(await call('GET', '/v1/whoami', { auth: created.token }), 401, 'token_expired', MESSAGES.tokenExpired);
    expectError(await call('GET', '/v1/cases', { auth: created.token }), 401, 'token_expired', MESSAGES.tokenExpired);
    expectError(
      await call('POST', '/v1/cases', { auth: created.token, body: {} }),
      401,
      'token_expired',
      MESSAGES.tokenExpired,
    );
  });

  it('answers 401 token_invalid, not token_expired, to a token that was revoked and has since expired', async () => {
    const { session } = await newUser();
    const created = await createToken(session, { expiresAt: msFromNow(4_000) });
    expect((await call('DELETE', `/tokens/${created.id}`, { auth: session })).status).toBe(204);
    await waitUntilPast(created.expiresAt ?? '');
    expectError(await call('GET', '/v1/whoami', { auth: created.token }), 401, 'token_invalid', MESSAGES.tokenInvalid);
  });
});
