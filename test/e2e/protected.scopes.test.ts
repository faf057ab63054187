import { call, createToken, newUser } from '../support/http';
import { expectError, MODULES } from '../support/contract';

/** 401 or 403: the contract allows either for a valid token outside its scopes. */
const SCOPE_STATUSES = [401, 403];

const tokenWith = async (scopes: string[]) => {
  const { userId, session } = await newUser();
  return { userId, ...(await createToken(session, { scopes })) };
};

const get = (module: string, token: string) => call('GET', `/v1/${module}`, { auth: token });
const post = (module: string, token: string) => call('POST', `/v1/${module}`, { auth: token, body: {} });

describe('protected module routes: scopes', () => {
  it('lets *:read GET every module', async () => {
    const { token, userId, id } = await tokenWith(['*:read']);
    for (const module of MODULES) {
      const reply = await get(module, token);
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ module, caller: { userId, tokenId: id } });
    }
  });

  it('refuses *:read on POST to every module with insufficient_scope naming <module>:write', async () => {
    const { token } = await tokenWith(['*:read']);
    for (const module of MODULES) {
      expectError(await post(module, token), SCOPE_STATUSES, 'insufficient_scope', new RegExp(`${module}:write`));
    }
  });

  it('lets *:write GET and POST every module', async () => {
    const { token } = await tokenWith(['*:write']);
    for (const module of MODULES) {
      expect((await get(module, token)).status).toBe(200);
      expect((await post(module, token)).status).toBe(200);
    }
  });

  it('lets cases:write GET /v1/cases, because write includes read', async () => {
    const { token } = await tokenWith(['cases:write']);
    expect((await get('cases', token)).status).toBe(200);
    expect((await post('cases', token)).status).toBe(200);
  });

  it('lets cases:read GET /v1/cases', async () => {
    const { token } = await tokenWith(['cases:read']);
    expect((await get('cases', token)).status).toBe(200);
  });

  it('refuses cases:read on POST /v1/cases with insufficient_scope naming cases:write', async () => {
    const { token } = await tokenWith(['cases:read']);
    expectError(await post('cases', token), SCOPE_STATUSES, 'insufficient_scope', /cases:write/);
  });

  it('refuses applicants:write on GET /v1/cases with insufficient_scope naming cases:read', async () => {
    const { token } = await tokenWith(['applicants:write']);
    expectError(await get('cases', token), SCOPE_STATUSES, 'insufficient_scope', /cases:read/);
    expect((await get('applicants', token)).status).toBe(200);
  });

  it('confines a module scope to its module: cases:write reaches neither applicants nor invoices', async () => {
    const { token } = await tokenWith(['cases:write']);
    for (const module of ['applicants', 'invoices']) {
      expectError(await get(module, token), SCOPE_STATUSES, 'insufficient_scope', new RegExp(`${module}:read`));
      expectError(await post(module, token), SCOPE_STATUSES, 'insufficient_scope', new RegExp(`${module}:write`));
    }
  });

  it('grants the union of several scopes', async () => {
    const { token } = await tokenWith(['cases:read', 'invoices:write']);
    expect((await get('cases', token)).status).toBe(200);
    expect((await get('invoices', token)).status).toBe(200);
    expect((await post('invoices', token)).status).toBe(200);
    expectError(await post('cases', token), SCOPE_STATUSES, 'insufficient_scope', /cases:write/);
    expectError(await get('applicants', token), SCOPE_STATUSES, 'insufficient_scope', /applicants:read/);
  });

  it('answers 404 to GET /v1/<unknown module> with a *:write token', async () => {
    const { token } = await tokenWith(['*:write']);
    const reply = await get('payroll', token);
    expect(reply.status).toBe(404);
    expect(reply.body).toEqual({ code: expect.any(String), message: expect.any(String) });
  });

  it('answers 404, not a 5xx, to a 2,000-character module name with a *:write token', async () => {
    const { token } = await tokenWith(['*:write']);
    const reply = await get('m'.repeat(2_000), token);
    expect(reply.status).toBe(404);
    expect(reply.body).toEqual({ code: expect.any(String), message: expect.any(String) });
  });

  it.each(['a%22', 'x%22,%22code%22:%22pwned', '%E2%80%AEcases', 'cases%5C', '%3Cscript%3E'])(
    'never puts the path segment %s into an error: a cases:read token is refused for the wildcard scope',
    async (segment) => {
      const { token } = await tokenWith(['cases:read']);
      const message = (access: string) => `This token lacks the scope *:${access} that this route requires`;
      expectError(await get(segment, token), SCOPE_STATUSES, 'insufficient_scope', message('read'));
      expectError(await post(segment, token), SCOPE_STATUSES, 'insufficient_scope', message('write'));
    },
  );

  it('answers a *:write token on a hostile path segment with route_not_found and no text of the request', async () => {
    const { token } = await tokenWith(['*:write']);
    const reply = await get('x%22,%22code%22:%22pwned', token);
    expectError(reply, 404, 'route_not_found', 'No such route');
  });
});
