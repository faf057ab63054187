import { msFromNow, waitUntilPast } from '../support/contract';
import { call, type Reply } from '../support/http';
import { host, tokenWith } from '../support/host-api';

// examples/host-api's HTTP API routes behind the token service's authorizer (payload 2.0, simple responses),
// with tokens made through the token service. HTTP APIs have no gateway responses: every refusal by the
// authorizer is 403 {"message":"Forbidden"}, a request without the header 401 {"message":"Unauthorized"}.

const FORBIDDEN = { status: 403, body: { message: 'Forbidden' } };
const UNAUTHORIZED = { status: 401, body: { message: 'Unauthorized' } };
const answer = (reply: Reply) => ({ status: reply.status, body: reply.body });

describe("examples/host-api's HTTP API behind the token service", () => {
  it('lets invoices:read GET /http/invoices, and hands the handler its caller from authorizer.lambda', async () => {
    const { token, userId, id } = await tokenWith(['invoices:read']);
    const reply = await host('GET', '/http/invoices', token);
    expect(answer(reply)).toEqual({
      status: 200,
      body: {
        invoices: expect.arrayContaining([expect.objectContaining({ id: 'inv-1001' })]),
        caller: { userId, tokenId: id, scopes: ['invoices:read'] },
      },
    });
  });

  it('lets invoices:write DELETE /http/invoices/{invoiceId}, with the path parameter handed on', async () => {
    const { token } = await tokenWith(['invoices:write']);
    const reply = await host('DELETE', '/http/invoices/inv-1002', token);
    expect(answer(reply)).toMatchObject({ status: 200, body: { deleted: 'inv-1002' } });
  });

  it('answers 403 Forbidden to invoices:read on DELETE /http/invoices/{invoiceId}', async () => {
    const { token } = await tokenWith(['invoices:read']);
    expect(answer(await host('DELETE', '/http/invoices/inv-1001', token))).toEqual(FORBIDDEN);
  });

  it('answers 403 Forbidden on GET /http/reports, a route no module covers, even to *:write', async () => {
    const { token } = await tokenWith(['*:write']);
    expect(answer(await host('GET', '/http/reports', token))).toEqual(FORBIDDEN);
  });

  it('answers 401 Unauthorized without an Authorization header', async () => {
    const reply = await host('GET', '/http/invoices');
    expect(answer(reply)).toEqual(UNAUTHORIZED);
    expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('answers 403 Forbidden to a token revoked through the token service, on the very next request', async () => {
    const { token, id, session } = await tokenWith(['invoices:read']);
    expect((await host('GET', '/http/invoices', token)).status).toBe(200);
    expect((await call('DELETE', `/tokens/${id}`, { auth: session })).status).toBe(204);
    expect(answer(await host('GET', '/http/invoices', token))).toEqual(FORBIDDEN);
  });

  it('answers 403 Forbidden to a token disabled through the token service, and 200 once enabled', async () => {
    const { token, id, session } = await tokenWith(['invoices:read']);
    expect((await call('PATCH', `/tokens/${id}`, { auth: session, body: { disabled: true } })).status).toBe(200);
    expect(answer(await host('GET', '/http/invoices', token))).toEqual(FORBIDDEN);
    expect((await call('PATCH', `/tokens/${id}`, { auth: session, body: { disabled: false } })).status).toBe(200);
    expect((await host('GET', '/http/invoices', token)).status).toBe(200);
  });

  it('answers 403 Forbidden once the expiry has passed', async () => {
    const created = await tokenWith(['invoices:read'], msFromNow(4_000));
    expect((await host('GET', '/http/invoices', created.token)).status).toBe(200);
    await waitUntilPast(created.expiresAt ?? '');
    expect(answer(await host('GET', '/http/invoices', created.token))).toEqual(FORBIDDEN);
  });
});
