import { call, createToken, newUser } from '../support/http';
import { daysFromNow, expectError, MESSAGES, msFromNow, TOKEN_VIEW_FIELDS, waitUntilPast } from '../support/contract';

const list = async (session: string) => {
  const reply = await call('GET', '/tokens', { auth: session });
  expect(reply.status).toBe(200);
  return reply.body as {
    tokens: Array<Record<string, any>>;
    limit: number;
    active: number;
  };
};

describe('GET /tokens', () => {
  it('answers exactly tokens, limit and active, with an empty list for a new user', async () => {
    const { session } = await newUser();
    const body = await list(session);
    expect(body).toEqual({ tokens: [], limit: 10, active: 0 });
  });

  it('shows each token with exactly the TokenView fields', async () => {
    const { session } = await newUser();
    await createToken(session);
    const { tokens } = await list(session);
    expect(tokens).toHaveLength(1);
    expect(Object.keys(tokens[0] ?? {}).sort()).toEqual(TOKEN_VIEW_FIELDS);
  });

  it('shows a fresh token as created: same id, name, scopes, createdAt and expiresAt, lastUsedAt null', async () => {
    const { session } = await newUser();
    const created = await createToken(session, { name: 'Reporting', scopes: ['cases:read', 'invoices:write'] });
    const { tokens } = await list(session);
    expect(tokens[0]).toMatchObject({
      id: created.id,
      name: 'Reporting',
      createdAt: created.createdAt,
      expiresAt: null,
      lastUsedAt: null,
    });
    expect([...(tokens[0]?.scopes ?? [])].sort()).toEqual([...created.scopes].sort());
  });

  it('lists the newest token first', async () => {
    const { session } = await newUser();
    const first = await createToken(session, { name: 'first' });
    const second = await createToken(session, { name: 'second' });
    const third = await createToken(session, { name: 'third' });
    const { tokens } = await list(session);
    expect(tokens.map((token) => token.id)).toEqual([third.id, second.id, first.id]);
  });

  it('shows a token that never expires as active with expiresInDays null', async () => {
    const { session } = await newUser();
    await createToken(session, { expiresAt: null });
    const { tokens } = await list(session);
    expect(tokens[0]).toMatchObject({ status: 'active', expiresAt: null, expiresInDays: null });
  });

  it('shows a token expiring in more than 7 days as active with expiresInDays null', async () => {
    const { session } = await newUser();
    await createToken(session, { expiresAt: daysFromNow(8) });
    const { tokens } = await list(session);
    expect(tokens[0]).toMatchObject({ status: 'active', expiresInDays: null });
  });

  it.each([
    [3, 3],
    [6.5, 7],
    [0.25, 1],
    [1.5, 2],
  ])('shows a token expiring %d days ahead as expiring with expiresInDays %d (rounded up)', async (days, shown) => {
    const { session } = await newUser();
    const expiresAt = daysFromNow(days);
    await createToken(session, { expiresAt });
    const { tokens } = await list(session);
    expect(tokens[0]).toMatchObject({ status: 'expiring', expiresInDays: shown });
    expect(Date.parse(tokens[0]?.expiresAt)).toBe(Date.parse(expiresAt));
  });

  it('counts active and expiring tokens in active', async () => {
    const { session } = await newUser();
    await createToken(session, { expiresAt: null });
    await createToken(session, { expiresAt: daysFromNow(2) });
    await createToken(session, { expiresAt: daysFromNow(30) });
    const body = await list(session);
    expect(body.tokens.map((token) => token.status).sort()).toEqual(['active', 'active', 'expiring']);
    expect(body.active).toBe(3);
    expect(body.limit).toBe(10);
  });

  it('keeps listing an expired token, as expired, and no longer counts it in active', async () => {
    const { session } = await newUser();
    await createToken(session, { name: 'lasting' });
    const shortLived = await createToken(session, { name: 'short-lived', expiresAt: msFromNow(4_000) });
    expect((await call('GET', '/v1/whoami', { auth: shortLived.token })).status).toBe(200);

    await waitUntilPast(shortLived.expiresAt ?? '');
    expectError(
      await call('GET', '/v1/whoami', { auth: shortLived.token }),
      401,
      'token_expired',
      MESSAGES.tokenExpired,
    );
    const body = await list(session);
    expect(body.tokens.find((token) => token.id === shortLived.id)).toMatchObject({
      status: 'expired',
      expiresInDays: null,
    });
    expect(body.tokens).toHaveLength(2);
    expect(body.active).toBe(1);
  });

  it('never shows the plain token, nor its secret, in the list', async () => {
    const { session } = await newUser();
    const created = [
      await createToken(session, { scopes: ['*:write'] }),
      await createToken(session, { expiresAt: daysFromNow(3) }),
    ];
    const reply = await call('GET', '/tokens', { auth: session });
    const text = JSON.stringify(reply.body);
    for (const { token } of created) {
      expect(text).not.toContain(token);
      expect(text).not.toContain(token.slice('mp_test_'.length));
    }
    for (const view of reply.body.tokens) expect(view).not.toHaveProperty('token');
  });

  it('does not list revoked tokens', async () => {
    const { session } = await newUser();
    const kept = await createToken(session, { name: 'kept' });
    const revoked = await createToken(session, { name: 'revoked' });
    expect((await call('DELETE', `/tokens/${revoked.id}`, { auth: session })).status).toBe(204);
    const body = await list(session);
    expect(body.tokens.map((token) => token.id)).toEqual([kept.id]);
    expect(body.active).toBe(1);
  });
});
