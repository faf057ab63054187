import { expectError } from '../support/contract';
import { call, createToken, newUser } from '../support/http';
import { nextAddress, postFrom } from '../support/post-from';

const history = (session: string, cursor?: string) =>
  call('GET', cursor === undefined ? '/audit' : `/audit?cursor=${encodeURIComponent(cursor)}`, { auth: session });

describe('GET /audit', () => {
  it('records created, disabled, enabled and revoked with the actor, the time and the source address, newest first', async () => {
    const { userId, session } = await newUser();
    const address = nextAddress();
    const before = Date.now();
    const made = await postFrom(address, '/tokens', JSON.stringify({ name: 'Audited', scopes: ['*:read'] }), {
      authorization: `Bearer ${session}`,
    });
    expect(made.status).toBe(201);
    const id = made.body.id as string;
    await call('PATCH', `/tokens/${id}`, { auth: session, body: { disabled: true } });
    // Setting what is already so changes nothing, and records nothing.
    await call('PATCH', `/tokens/${id}`, { auth: session, body: { disabled: true, description: 'paused' } });
    await call('PATCH', `/tokens/${id}`, { auth: session, body: { disabled: false } });
    await call('DELETE', `/tokens/${id}`, { auth: session });

    const reply = await history(session);
    expect(reply.status).toBe(200);
    expect(reply.body.next).toBeNull();
    const events = reply.body.events as Array<Record<string, string>>;
    expect(events.map((event) => event.action)).toEqual(['revoked', 'enabled', 'disabled', 'created']);
    for (const event of events) {
      expect(event).toMatchObject({ tokenId: id, tokenName: 'Audited', actor: userId });
      expect(Date.parse(event.at ?? '')).toBeGreaterThanOrEqual(before - 1000);
      expect(typeof event.ip).toBe('string');
    }
    expect(events.at(-1)?.ip).toBe(address);
  });

  it('shows a user only their own history', async () => {
    const alice = await newUser();
    const bob = await newUser();
    await createToken(alice.session);
    expect((await history(bob.session)).body).toEqual({ events: [], next: null });
  });

  it('pages 50 events at a time with a cursor bound to the user', async () => {
    const alice = await newUser();
    const bob = await newUser();
    const token = await createToken(alice.session);
    for (let i = 0; i < 25; i++) {
      await call('PATCH', `/tokens/${token.id}`, { auth: alice.session, body: { disabled: true } });
      await call('PATCH', `/tokens/${token.id}`, { auth: alice.session, body: { disabled: false } });
    }
    const first = await history(alice.session);
    expect(first.body.events).toHaveLength(50);
    expect(typeof first.body.next).toBe('string');
    const second = await history(alice.session, first.body.next);
    expect(second.body.events.map((event: { action: string }) => event.action)).toEqual(['created']);
    expect(second.body.next).toBeNull();

    expectError(await history(bob.session, first.body.next), 400, 'invalid_request');
    expectError(await history(alice.session, `${first.body.next}x`), 400, 'invalid_request');
    expectError(await call('GET', '/audit?pageSize=5', { auth: alice.session }), 400, 'invalid_request');
  });

  it('needs a session, not an API token', async () => {
    const { session } = await newUser();
    const token = await createToken(session);
    expectError(await call('GET', '/audit'), 401, 'session_required');
    expectError(await call('GET', '/audit', { auth: token.token }), 401, 'session_required');
  });
});
