import { expectError, MESSAGES, msFromNow, waitUntilPast } from '../support/contract';
import { call } from '../support/http';
import { host, tokenWith } from '../support/host-api';

// examples/host-api: another service's own routes behind the token service's authorizer, with tokens
// made through the token service. Refusals carry the contract's error bodies there too.

describe('examples/host-api behind the token service', () => {
  it('lets invoices:read GET /invoices, and hands the handler its caller', async () => {
    const { token, userId, id } = await tokenWith(['invoices:read']);
    const reply = await host('GET', '/invoices', token);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      invoices: expect.arrayContaining([expect.objectContaining({ id: 'inv-1001' })]),
      caller: { userId, tokenId: id, scopes: ['invoices:read'] },
    });
  });

  it('refuses invoices:read on DELETE /invoices/{invoiceId} with insufficient_scope naming invoices:write', async () => {
    const { token } = await tokenWith(['invoices:read']);
    expectError(await host('DELETE', '/invoices/inv-1001', token), 401, 'insufficient_scope', /invoices:write/);
  });

  it('lets invoices:write DELETE /invoices/{invoiceId}', async () => {
    const { token } = await tokenWith(['invoices:write']);
    const reply = await host('DELETE', '/invoices/inv-1001', token);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ deleted: 'inv-1001' });
  });

  it('lets cases:read GET /cases/{caseId}/notes and refuses invoices:read there naming cases:read', async () => {
    const { token } = await tokenWith(['cases:read']);
    const reply = await host('GET', '/cases/case-7/notes', token);
    expect(reply.status).toBe(200);
    expect(reply.body.notes).toEqual([
      expect.objectContaining({ caseId: 'case-7' }),
      expect.objectContaining({ caseId: 'case-7' }),
    ]);

    const { token: invoicesToken } = await tokenWith(['invoices:read']);
    expectError(await host('GET', '/cases/case-7/notes', invoicesToken), 401, 'insufficient_scope', /cases:read/);
  });

  it('refuses GET /reports, a route no module covers, even to *:write', async () => {
    const { token } = await tokenWith(['*:write']);
    expectError(await host('GET', '/reports', token), 401, 'insufficient_scope');
  });

  it('answers 401 token_missing without an Authorization header', async () => {
    expectError(await host('GET', '/invoices'), 401, 'token_missing');
  });

  it('answers 401 token_invalid to a token revoked through the token service, on the very next request', async () => {
    const { token, id, session } = await tokenWith(['invoices:read']);
    expect((await host('GET', '/invoices', token)).status).toBe(200);
    expect((await call('DELETE', `/tokens/${id}`, { auth: session })).status).toBe(204);
    expectError(await host('GET', '/invoices', token), 401, 'token_invalid', MESSAGES.tokenInvalid);
  });

  it('answers 401 token_disabled to a token disabled through the token service at once, and 200 once enabled', async () => {
    const { token, id, session } = await tokenWith(['invoices:read']);
    expect((await call('PATCH', `/tokens/${id}`, { auth: session, body: { disabled: true } })).status).toBe(200);
    expectError(await host('GET', '/invoices', token), 401, 'token_disabled');
    expect((await call('PATCH', `/tokens/${id}`, { auth: session, body: { disabled: false } })).status).toBe(200);
    expect((await host('GET', '/invoices', token)).status).toBe(200);
  });

  it('answers 401 token_expired once the expiry has passed', async () => {
    const created = await tokenWith(['invoices:read'], msFromNow(4_000));
    expect((await host('GET', '/invoices', created.token)).status).toBe(200);
    await waitUntilPast(created.expiresAt ?? '');
    expectError(await host('GET', '/invoices', created.token), 401, 'token_expired', MESSAGES.tokenExpired);
  });
});
