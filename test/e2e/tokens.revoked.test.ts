import { setTimeout as sleep } from 'node:timers/promises';
import { expectError } from '../support/contract';
import { call, createToken, getFrom, newUser } from '../support/http';

const revoke = (session: string, id: string) => call('DELETE', `/tokens/${id}`, { auth: session });

describe('revoked tokens, kept for the retention period', () => {
  it('are left out of GET /tokens, and listed with ?status=revoked, newest first, as revoked', async () => {
    const { session } = await newUser();
    const kept = await createToken(session, { name: 'kept' });
    const older = await createToken(session, { name: 'older' });
    const newer = await createToken(session, { name: 'newer' });
    const before = Date.now();
    await revoke(session, older.id);
    await revoke(session, newer.id);

    const working = (await call('GET', '/tokens', { auth: session })).body;
    expect(working.tokens.map((token: { id: string }) => token.id)).toEqual([kept.id]);
    expect(working.active).toBe(1);

    const revoked = await call('GET', '/tokens?status=revoked', { auth: session });
    expect(revoked.status).toBe(200);
    expect(revoked.body.tokens.map((token: { id: string }) => token.id)).toEqual([newer.id, older.id]);
    expect(revoked.body).toMatchObject({ limit: 10, active: 1, next: null });
    expect(revoked.body.tokens[0]).toMatchObject({ name: 'newer', hint: newer.hint, status: 'revoked' });
    expect(Date.parse(revoked.body.tokens[0].revokedAt)).toBeGreaterThanOrEqual(before - 1000);
  });

  it('pages revoked tokens with pageSize and the cursor', async () => {
    const { session } = await newUser();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const token = await createToken(session, { name: `t${i}` });
      await revoke(session, token.id);
      ids.unshift(token.id);
    }
    const first = await call('GET', '/tokens?status=revoked&pageSize=2', { auth: session });
    expect(first.body.tokens.map((token: { id: string }) => token.id)).toEqual(ids.slice(0, 2));
    const next = encodeURIComponent(first.body.next);
    const second = await call('GET', `/tokens?status=revoked&pageSize=2&cursor=${next}`, { auth: session });
    expect(second.body.tokens.map((token: { id: string }) => token.id)).toEqual(ids.slice(2));
    expect(second.body.next).toBeNull();
  });

  it('refuses any other status with 400', async () => {
    const { session } = await newUser();
    expectError(await call('GET', '/tokens?status=active', { auth: session }), 400, 'invalid_request');
  });

  it('still answer their usage, and show use after revocation there', async () => {
    const { session } = await newUser();
    const token = await createToken(session, { scopes: ['cases:read'] });
    expect(await getFrom('127.0.0.4', '/v1/whoami', token.token)).toBe(200);
    await revoke(session, token.id);
    expect(await getFrom('127.0.0.4', '/v1/whoami', token.token)).toBe(401);

    const deadline = Date.now() + 20_000;
    let reply = await call('GET', `/tokens/${token.id}/usage`, { auth: session });
    while (reply.status === 200 && reply.body.refused.revoked < 1 && Date.now() < deadline) {
      await sleep(250);
      reply = await call('GET', `/tokens/${token.id}/usage`, { auth: session });
    }
    expect(reply.status).toBe(200);
    // Requests count refused ones too: one before the revocation, one after.
    expect(reply.body.requests.day).toBe(2);
    expect(reply.body.refused.revoked).toBe(1);
    expect(reply.body.alerts.map((alert: { kind: string }) => alert.kind)).toContain('revoked_use');
  });

  it('cannot be revoked twice, nor changed', async () => {
    const { session } = await newUser();
    const token = await createToken(session);
    expect((await revoke(session, token.id)).status).toBe(204);
    expectError(await revoke(session, token.id), 404, 'token_not_found');
    expectError(
      await call('PATCH', `/tokens/${token.id}`, { auth: session, body: { name: 'x' } }),
      404,
      'token_not_found',
    );
  });

  it('are not listed for another user', async () => {
    const alice = await newUser();
    const bob = await newUser();
    const token = await createToken(alice.session);
    await revoke(alice.session, token.id);
    expect((await call('GET', '/tokens?status=revoked', { auth: bob.session })).body.tokens).toEqual([]);
    expectError(await call('GET', `/tokens/${token.id}/usage`, { auth: bob.session }), 404, 'token_not_found');
  });
});
