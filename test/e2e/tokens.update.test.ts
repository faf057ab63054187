import { expectError, MODULES } from '../support/contract';
import { call, createToken, newUser } from '../support/http';

const patch = (session: string, id: string, body: unknown) => call('PATCH', `/tokens/${id}`, { auth: session, body });

describe('PATCH /tokens/{id}', () => {
  it('renames and describes a token, answering 200 with its view', async () => {
    const { session } = await newUser();
    const created = await createToken(session, { name: 'Zapier' });
    const reply = await patch(session, created.id, {
      name: ' Zapier (sales) ',
      description: 'Owned by the sales team',
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      id: created.id,
      name: 'Zapier (sales)',
      description: 'Owned by the sales team',
      hint: created.hint,
      disabled: false,
      status: 'active',
    });
    const listed = (await call('GET', '/tokens', { auth: session })).body.tokens[0];
    expect(listed).toEqual(reply.body);
    expect((await patch(session, created.id, { description: null })).body.description).toBeNull();
  });

  it('disables a token at once: the very next request is 401 token_disabled; enabling lets it in again', async () => {
    const { session } = await newUser();
    const created = await createToken(session, { scopes: ['*:write'] });
    expect((await call('GET', '/v1/whoami', { auth: created.token })).status).toBe(200);

    expect((await patch(session, created.id, { disabled: true })).body.disabled).toBe(true);
    expectError(await call('GET', '/v1/whoami', { auth: created.token }), 401, 'token_disabled');
    for (const module of MODULES) {
      expectError(await call('GET', `/v1/${module}`, { auth: created.token }), 401, 'token_disabled');
      expectError(await call('POST', `/v1/${module}`, { auth: created.token, body: {} }), 401, 'token_disabled');
    }
    const listed = (await call('GET', '/tokens', { auth: session })).body;
    expect(listed.tokens[0].disabled).toBe(true);
    expect(listed.active).toBe(1);

    expect((await patch(session, created.id, { disabled: false })).body.disabled).toBe(false);
    expect((await call('GET', '/v1/whoami', { auth: created.token })).status).toBe(200);
  });

  it('keeps a disabled token’s name: another working token may not take it', async () => {
    const { session } = await newUser();
    const created = await createToken(session, { name: 'Paused' });
    await patch(session, created.id, { disabled: true });
    const again = await call('POST', '/tokens', { auth: session, body: { name: 'paused', scopes: ['*:read'] } });
    expectError(again, 409, 'token_name_taken');
  });

  it('refuses a rename to a name another working token has, and frees the old name on a rename', async () => {
    const { session } = await newUser();
    const zapier = await createToken(session, { name: 'Zapier' });
    const importer = await createToken(session, { name: 'Import' });
    expectError(await patch(session, importer.id, { name: 'ZAPIER' }), 409, 'token_name_taken');
    expect((await patch(session, zapier.id, { name: 'Zapier old' })).status).toBe(200);
    expect((await patch(session, importer.id, { name: 'Zapier' })).body.name).toBe('Zapier');
    expect((await createToken(session, { name: 'Import' })).name).toBe('Import');
  });

  it('lets a token change the case of its own name', async () => {
    const { session } = await newUser();
    const created = await createToken(session, { name: 'zapier' });
    expect((await patch(session, created.id, { name: 'Zapier' })).body.name).toBe('Zapier');
  });

  it.each([
    ['an empty body', {}],
    ['an unknown field', { scopes: ['*:write'] }],
    ['a non-boolean disabled', { disabled: 'yes' }],
    ['an empty name', { name: '  ' }],
    ['a description with control characters', { description: 'a\u0000b' }],
    ['a description with bidirectional controls', { description: 'abc\u202edcba' }],
    ['a description too long', { description: 'x'.repeat(201) }],
  ])('refuses %s with 400 invalid_request', async (_, body) => {
    const { session } = await newUser();
    const created = await createToken(session);
    expectError(await patch(session, created.id, body), 400, 'invalid_request');
  });

  it('answers 404 for an unknown id, another user’s token and a revoked token, and changes none of them', async () => {
    const alice = await newUser();
    const bob = await newUser();
    const token = await createToken(alice.session);
    expectError(await patch(bob.session, token.id, { disabled: true }), 404, 'token_not_found');
    expect((await call('GET', '/v1/whoami', { auth: token.token })).status).toBe(200);
    expectError(
      await patch(alice.session, '00000000-0000-4000-8000-000000000000', { disabled: true }),
      404,
      'token_not_found',
    );
    expectError(await patch(alice.session, 'not-a-token-id', { disabled: true }), 404, 'token_not_found');
    await call('DELETE', `/tokens/${token.id}`, { auth: alice.session });
    expectError(await patch(alice.session, token.id, { disabled: false }), 404, 'token_not_found');
    expectError(await call('GET', '/v1/whoami', { auth: token.token }), 401, 'token_invalid');
  });

  it('needs a session, not an API token', async () => {
    const { session } = await newUser();
    const token = await createToken(session);
    expectError(await call('PATCH', `/tokens/${token.id}`, { body: { disabled: true } }), 401, 'session_required');
    expectError(await patch(token.token, token.id, { disabled: true }), 401, 'session_required');
  });
});
