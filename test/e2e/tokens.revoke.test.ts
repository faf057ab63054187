import { randomUUID } from 'node:crypto';
import { call, createToken, newUser } from '../support/http';
import { expectError, MESSAGES, MODULES } from '../support/contract';

describe('DELETE /tokens/{id}', () => {
  it('answers 204 with an empty body', async () => {
    const { session } = await newUser();
    const created = await createToken(session);
    const reply = await call('DELETE', `/tokens/${created.id}`, { auth: session });
    expect(reply.status).toBe(204);
    expect(reply.body).toBeNull();
  });

  it('stops the token on the very next request: 200 before, 401 token_invalid right after the 204', async () => {
    const { session } = await newUser();
    const created = await createToken(session);
    expect((await call('GET', '/v1/whoami', { auth: created.token })).status).toBe(200);

    expect((await call('DELETE', `/tokens/${created.id}`, { auth: session })).status).toBe(204);
    const after = await call('GET', '/v1/whoami', { auth: created.token });
    expectError(after, 401, 'token_invalid', MESSAGES.tokenInvalid);
  });

  it('keeps a revoked token refused on every protected route', async () => {
    const { session } = await newUser();
    const created = await createToken(session, { scopes: ['*:write'] });
    expect((await call('GET', '/v1/cases', { auth: created.token })).status).toBe(200);
    expect((await call('DELETE', `/tokens/${created.id}`, { auth: session })).status).toBe(204);

    const routes: Array<[string, string]> = [
      ['GET', '/v1/whoami'],
      ...MODULES.flatMap((module): Array<[string, string]> => [
        ['GET', `/v1/${module}`],
        ['POST', `/v1/${module}`],
      ]),
    ];
    for (const [method, path] of routes) {
      const reply = await call(method, path, { auth: created.token, body: method === 'POST' ? {} : undefined });
      expectError(reply, 401, 'token_invalid', MESSAGES.tokenInvalid);
    }
  });

  it('removes the token from the list and from the active count', async () => {
    const { session } = await newUser();
    const kept = await createToken(session, { name: 'kept' });
    const revoked = await createToken(session, { name: 'revoked' });
    expect((await call('DELETE', `/tokens/${revoked.id}`, { auth: session })).status).toBe(204);

    const list = await call('GET', '/tokens', { auth: session });
    expect(list.body.tokens.map((token: { id: string }) => token.id)).toEqual([kept.id]);
    expect(list.body.active).toBe(1);
  });

  it('leaves the user’s other tokens working', async () => {
    const { session } = await newUser();
    const kept = await createToken(session, { name: 'kept' });
    const revoked = await createToken(session, { name: 'revoked' });
    expect((await call('DELETE', `/tokens/${revoked.id}`, { auth: session })).status).toBe(204);
    const reply = await call('GET', '/v1/whoami', { auth: kept.token });
    expect(reply.status).toBe(200);
    expect(reply.body.tokenId).toBe(kept.id);
  });

  it('answers 404 token_not_found to a second DELETE of the same id', async () => {
    const { session } = await newUser();
    const created = await createToken(session);
    expect((await call('DELETE', `/tokens/${created.id}`, { auth: session })).status).toBe(204);
    expectError(await call('DELETE', `/tokens/${created.id}`, { auth: session }), 404, 'token_not_found');
  });

  it('answers 404 token_not_found for an id that was never issued', async () => {
    const { session } = await newUser();
    await createToken(session);
    expectError(await call('DELETE', `/tokens/${randomUUID()}`, { auth: session }), 404, 'token_not_found');
  });

  it('revokes exactly once when the same id is deleted twice at the same time', async () => {
    const { session } = await newUser();
    const created = await createToken(session);
    const replies = await Promise.all([
      call('DELETE', `/tokens/${created.id}`, { auth: session }),
      call('DELETE', `/tokens/${created.id}`, { auth: session }),
    ]);
    expect(replies.map((reply) => reply.status).sort()).toEqual([204, 404]);
    const [first, second] = replies;
    expectError(first.status === 404 ? first : second, 404, 'token_not_found');
    expectError(await call('GET', '/v1/whoami', { auth: created.token }), 401, 'token_invalid');
  });
});
