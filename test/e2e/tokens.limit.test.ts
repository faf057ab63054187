import { call, createToken, newUser } from '../support/http';
import { expectError, MESSAGES, msFromNow, waitUntilPast } from '../support/contract';

const body = { name: 'Zapier Integration', scopes: ['cases:read'] };

const createMany = (session: string, count: number) =>
  Promise.all(Array.from({ length: count }, (_, i) => createToken(session, { name: `token ${i + 1}` })));

describe('the limit of 10 active tokens per user', () => {
  it('lets a user create 10 tokens and refuses the 11th with 409 token_limit_reached', async () => {
    const { session } = await newUser();
    for (let i = 0; i < 10; i++) {
      const named = { ...body, name: `${body.name} ${i}` };
      expect((await call('POST', '/tokens', { auth: session, body: named })).status).toBe(201);
    }
    const refused = await call('POST', '/tokens', { auth: session, body });
    expectError(refused, 409, 'token_limit_reached', MESSAGES.tokenLimitReached);
    const list = await call('GET', '/tokens', { auth: session });
    expect(list.body.tokens).toHaveLength(10);
    expect(list.body.active).toBe(10);
  });

  it('frees a slot when a token is revoked', async () => {
    const { session } = await newUser();
    const tokens = await createMany(session, 10);
    expectError(await call('POST', '/tokens', { auth: session, body }), 409, 'token_limit_reached');

    expect((await call('DELETE', `/tokens/${tokens[3]?.id}`, { auth: session })).status).toBe(204);
    expect((await call('POST', '/tokens', { auth: session, body })).status).toBe(201);
    expectError(await call('POST', '/tokens', { auth: session, body }), 409, 'token_limit_reached');
  });

  it('does not count expired tokens toward the limit', async () => {
    const { session } = await newUser();
    const shortLived = await createToken(session, { name: 'short-lived', expiresAt: msFromNow(4_000) });
    await createMany(session, 9);
    await waitUntilPast(shortLived.expiresAt ?? '');

    expect((await call('POST', '/tokens', { auth: session, body })).status).toBe(201);
    expectError(await call('POST', '/tokens', { auth: session, body }), 409, 'token_limit_reached');
    const list = await call('GET', '/tokens', { auth: session });
    expect(list.body.active).toBe(10);
    expect(list.body.tokens).toHaveLength(11);
  });

  it('holds under 30 concurrent creates: exactly 10 succeed, 20 get 409, and 10 are listed', async () => {
    const { session } = await newUser();
    const replies = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        call('POST', '/tokens', { auth: session, body: { ...body, name: `parallel ${i}` } }),
      ),
    );
    const statuses = replies.map((reply) => reply.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(10);
    expect(statuses.filter((status) => status === 409)).toHaveLength(20);
    for (const reply of replies.filter((r) => r.status === 409)) {
      expectError(reply, 409, 'token_limit_reached', MESSAGES.tokenLimitReached);
    }

    const list = await call('GET', '/tokens', { auth: session });
    expect(list.body.tokens).toHaveLength(10);
    expect(list.body.active).toBe(10);
    const createdIds = replies.filter((reply) => reply.status === 201).map((reply) => reply.body.id);
    expect(list.body.tokens.map((token: { id: string }) => token.id).sort()).toEqual(createdIds.sort());
  });

  it('counts each user separately: a user at the limit does not stop another from creating', async () => {
    const full = await newUser();
    const other = await newUser();
    await createMany(full.session, 10);
    expectError(await call('POST', '/tokens', { auth: full.session, body }), 409, 'token_limit_reached');
    expect((await call('POST', '/tokens', { auth: other.session, body })).status).toBe(201);
  });
});
