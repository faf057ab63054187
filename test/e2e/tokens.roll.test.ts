import { randomUUID } from 'node:crypto';
import { call, createToken, newUser } from '../support/http';
import { expectError, MESSAGES, TOKEN_PATTERN, waitUntilPast } from '../support/contract';

const whoami = (token: string) => call('GET', '/v1/whoami', { auth: token });

const rollAs = (session: string, id: string, body?: unknown) =>
  call('POST', `/tokens/${id}/roll`, { auth: session, body });

describe('POST /tokens/{id}/roll', () => {
  it('answers 201 with the new token as the create answer does, plus rolledFrom; with a grace both tokens work', async () => {
    const { session, userId } = await newUser();
    const old = await createToken(session, { name: 'Nightly import', scopes: ['cases:read'] });
    const reply = await rollAs(session, old.id, { graceSeconds: 3600 });

    expect(reply.status).toBe(201);
    expect(Object.keys(reply.body).sort()).toEqual(
      ['createdAt', 'expiresAt', 'id', 'name', 'rolledFrom', 'scopes', 'token'].sort(),
    );
    expect(reply.body).toMatchObject({
      name: 'Nightly import',
      scopes: ['cases:read'],
      expiresAt: null,
      rolledFrom: old.id,
    });
    expect(reply.body.token).toMatch(TOKEN_PATTERN);
    expect(reply.body.id).not.toBe(old.id);

    expect((await whoami(old.token)).body).toMatchObject({ userId, tokenId: old.id });
    expect((await whoami(reply.body.token)).body).toMatchObject({ userId, tokenId: reply.body.id });
    const list = await call('GET', '/tokens', { auth: session });
    expect(list.body.active).toBe(2);
  });

  it('refuses the old token with 401 token_invalid once a short grace is over, and the new one still works', async () => {
    const { session } = await newUser();
    const old = await createToken(session);
    const reply = await rollAs(session, old.id, { graceSeconds: 1 });
    expect(reply.status).toBe(201);
    // Only after the grace: whether a request lands inside a one-second grace depends on the machine's speed.
    await waitUntilPast(new Date(Date.parse(reply.body.createdAt) + 1_000).toISOString());
    expectError(await whoami(old.token), 401, 'token_invalid', MESSAGES.tokenInvalid);
    expect((await whoami(reply.body.token)).status).toBe(200);
    const list = await call('GET', '/tokens', { auth: session });
    expect(list.body.tokens.map((token: { id: string }) => token.id)).toEqual([reply.body.id]);
  });

  it('without a grace refuses the old token at once with 401 token_invalid, and the new one works', async () => {
    const { session } = await newUser();
    const old = await createToken(session);
    expect((await whoami(old.token)).status).toBe(200);

    const reply = await rollAs(session, old.id, { graceSeconds: 0 });
    expect(reply.status).toBe(201);
    expectError(await whoami(old.token), 401, 'token_invalid', MESSAGES.tokenInvalid);
    expect((await whoami(reply.body.token)).status).toBe(200);
    const list = await call('GET', '/tokens', { auth: session });
    expect(list.body.tokens.map((token: { id: string }) => token.id)).toEqual([reply.body.id]);
  });

  it('takes no grace when the body is left out', async () => {
    const { session } = await newUser();
    const old = await createToken(session);
    const reply = await rollAs(session, old.id);
    expect(reply.status).toBe(201);
    expectError(await whoami(old.token), 401, 'token_invalid', MESSAGES.tokenInvalid);
  });

  it.each([
    [{ graceSeconds: 604801 }],
    [{ graceSeconds: -1 }],
    [{ graceSeconds: 1.5 }],
    [{ graceSeconds: '60' }],
    [{ grace: 60 }],
    ['not json'],
  ])('refuses the body %p with 400 invalid_request and changes nothing', async (body) => {
    const { session } = await newUser();
    const old = await createToken(session);
    expectError(await rollAs(session, old.id, body), 400, 'invalid_request');
    expect((await whoami(old.token)).status).toBe(200);
    const list = await call('GET', '/tokens', { auth: session });
    expect(list.body.tokens.map((token: { id: string }) => token.id)).toEqual([old.id]);
  });

  it('answers 404 token_not_found for an unknown id, a revoked token and one already rolled', async () => {
    const { session } = await newUser();
    const revoked = await createToken(session);
    expect((await call('DELETE', `/tokens/${revoked.id}`, { auth: session })).status).toBe(204);
    const rolled = await createToken(session);
    expect((await rollAs(session, rolled.id, { graceSeconds: 60 })).status).toBe(201);

    for (const id of [randomUUID(), revoked.id, rolled.id]) {
      expectError(await rollAs(session, id, { graceSeconds: 60 }), 404, 'token_not_found');
    }
  });

  it('answers 404 for another user’s token and leaves it working', async () => {
    const alice = await newUser();
    const bob = await newUser();
    const token = await createToken(alice.session);
    expectError(await rollAs(bob.session, token.id, { graceSeconds: 0 }), 404, 'token_not_found');
    expect((await whoami(token.token)).status).toBe(200);
  });

  it('answers 409 token_limit_reached to a roll with a grace at 10 tokens, and rolls without one', async () => {
    const { session } = await newUser();
    const tokens = [];
    for (let i = 0; i < 10; i++) tokens.push(await createToken(session, { name: `token ${i}` }));
    const [first] = tokens;
    if (first === undefined) throw new Error('no token');
    expectError(await rollAs(session, first.id, { graceSeconds: 60 }), 409, 'token_limit_reached');
    expect((await rollAs(session, first.id, { graceSeconds: 0 })).status).toBe(201);
    expect((await call('GET', '/tokens', { auth: session })).body.active).toBe(10);
  });
});
