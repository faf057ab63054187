import { expectError } from '../support/contract';
import { call, createToken, newUser } from '../support/http';

describe('token hints, unique names and descriptions', () => {
  it('gives each token a hint of its prefix, environment and last four characters, in the create answer and the list', async () => {
    const { session } = await newUser();
    const created = await createToken(session, { name: 'Hinted' });
    expect(created.hint).toBe(`mp_test_…${created.token.slice(-4)}`);
    const list = await call('GET', '/tokens', { auth: session });
    expect(list.body.tokens[0]).toMatchObject({
      id: created.id,
      hint: created.hint,
      description: null,
      disabled: false,
    });
    expect(JSON.stringify(list.body)).not.toContain(created.token.slice(8, -6));
  });

  it('refuses a second working token of the same name, whatever its case, with 409 token_name_taken', async () => {
    const { session } = await newUser();
    await createToken(session, { name: 'Zapier' });
    const again = await call('POST', '/tokens', { auth: session, body: { name: ' zapier ', scopes: ['*:read'] } });
    expectError(again, 409, 'token_name_taken');
  });

  it('lets exactly one of ten parallel creates of one name through', async () => {
    const { session } = await newUser();
    const replies = await Promise.all(
      Array.from({ length: 10 }, () =>
        call('POST', '/tokens', { auth: session, body: { name: 'Nightly import', scopes: ['*:read'] } }),
      ),
    );
    expect(replies.filter((reply) => reply.status === 201)).toHaveLength(1);
    for (const reply of replies.filter((r) => r.status !== 201)) expectError(reply, 409, 'token_name_taken');
    expect((await call('GET', '/tokens', { auth: session })).body.tokens).toHaveLength(1);
  });

  it('frees a name when its token is revoked', async () => {
    const { session } = await newUser();
    const first = await createToken(session, { name: 'Zapier' });
    expect((await call('DELETE', `/tokens/${first.id}`, { auth: session })).status).toBe(204);
    expect((await createToken(session, { name: 'Zapier' })).name).toBe('Zapier');
  });

  it('stores a description given at create', async () => {
    const { session } = await newUser();
    const reply = await call('POST', '/tokens', {
      auth: session,
      body: { name: 'Import', scopes: ['*:read'], description: '  Nightly import, owned by the data team ' },
    });
    expect(reply.status).toBe(201);
    expect(reply.body.description).toBe('Nightly import, owned by the data team');
  });

  it.each([
    ['control characters', 'line\nbreak'],
    ['bidirectional controls', 'abc\u202edcba'],
    ['nothing visible', '\u200b\u200b'],
    ['too many characters', 'x'.repeat(201)],
    ['a number', 42],
  ])('refuses a description with %s, quoting none of it', async (_, description) => {
    const { session } = await newUser();
    const reply = await call('POST', '/tokens', {
      auth: session,
      body: { name: 'Import', scopes: ['*:read'], description },
    });
    expectError(reply, 400, 'invalid_request');
    expect(reply.body.message).toMatch(/^description: /);
    expect(reply.body.message).not.toContain(String(description));
  });
});
