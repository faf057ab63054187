import { setTimeout as sleep } from 'node:timers/promises';
import { call, createToken, getFrom, newUser } from '../support/http';
import { expectError } from '../support/contract';

/** The usage report once it shows `expected` requests in the last day (the stream consumer polls). */
const usageWhen = async (session: string, id: string, expected: number) => {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const reply = await call('GET', `/tokens/${id}/usage`, { auth: session });
    if (reply.status !== 200 || reply.body.requests.day >= expected || Date.now() > deadline) return reply;
    await sleep(250);
  }
};

describe('GET /tokens/{id}/usage', () => {
  it('shows requests, source addresses and last use within seconds of the requests', async () => {
    const { session } = await newUser();
    const token = await createToken(session, { scopes: ['cases:read'] });
    for (const [ip, path] of [
      ['127.0.0.2', '/v1/whoami'],
      ['127.0.0.2', '/v1/cases'],
      ['127.0.0.2', '/v1/cases'],
      ['127.0.0.3', '/v1/whoami'],
    ] as const) {
      expect(await getFrom(ip, path, token.token)).toBe(200);
    }
    expect(await getFrom('127.0.0.3', '/v1/invoices', token.token)).toBe(401);

    const reply = await usageWhen(session, token.id, 5);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      id: token.id,
      requests: { day: 5, week: 5, month: 5 },
      refused: { insufficient_scope: 1 },
    });
    expect(reply.body.ips.map((entry: { ip: string; requests: number }) => [entry.ip, entry.requests])).toEqual([
      ['127.0.0.2', 3],
      ['127.0.0.3', 2],
    ]);
    expect(Date.parse(reply.body.lastUsedAt)).toBeGreaterThan(Date.parse(token.createdAt));
    // Hour by hour: the 24 UTC hours up to now, the requests in the last of them (or two, across the hour).
    const hourly: { hour: string; requests: number }[] = reply.body.hourly;
    expect(hourly).toHaveLength(24);
    const starts = hourly.map(({ hour }) => Date.parse(hour));
    expect(
      starts.every((start, i) => start % 3_600_000 === 0 && (i === 0 || start - (starts[i - 1] ?? 0) === 3_600_000)),
    ).toBe(true);
    expect(Date.now() - (starts[23] ?? 0)).toBeLessThan(2 * 3_600_000);
    expect(hourly.slice(0, 22).every(({ requests }) => requests === 0)).toBe(true);
    expect(hourly.reduce((sum, { requests }) => sum + requests, 0)).toBe(5);
    const listed = (await call('GET', '/tokens', { auth: session })).body.tokens[0];
    expect(listed.lastUsedAt).toBe(reply.body.lastUsedAt);
  });

  it('shows a fresh token as never used', async () => {
    const { session } = await newUser();
    const token = await createToken(session);
    const reply = await call('GET', `/tokens/${token.id}/usage`, { auth: session });
    expect(reply.body).toMatchObject({
      lastUsedAt: null,
      requests: { day: 0, week: 0, month: 0 },
      ips: [],
      alerts: [],
    });
  });

  it('answers 404 for another user’s token and an unknown id, and still answers for a revoked one', async () => {
    const alice = await newUser();
    const bob = await newUser();
    const token = await createToken(alice.session);
    expectError(await call('GET', `/tokens/${token.id}/usage`, { auth: bob.session }), 404, 'token_not_found');
    expectError(
      await call('GET', '/tokens/00000000-0000-4000-8000-000000000000/usage', { auth: alice.session }),
      404,
      'token_not_found',
    );
    await call('DELETE', `/tokens/${token.id}`, { auth: alice.session });
    expect((await call('GET', `/tokens/${token.id}/usage`, { auth: alice.session })).status).toBe(200);
    expectError(await call('GET', `/tokens/${token.id}/usage`, { auth: bob.session }), 404, 'token_not_found');
  });

  it('needs a session, not an API token', async () => {
    const { session } = await newUser();
    const token = await createToken(session);
    expectError(await call('GET', `/tokens/${token.id}/usage`), 401, 'session_required');
    expectError(await call('GET', `/tokens/${token.id}/usage`, { auth: token.token }), 401, 'session_required');
  });
});
