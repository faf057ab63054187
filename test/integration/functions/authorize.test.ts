import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { authorizerHandler } from '../../../functions/authorize';
import type { AuthorizerEvent } from '../../../gateway/authorizer-events';
import { parseConfig } from '../../../lib/config';
import { logger } from '../../../lib/log';
import type { Db } from '../../../lib/storage/dynamodb';
import { generateToken, hashToken } from '../../../lib/tokens/format';
import { createToken, revokeToken } from '../../../lib/tokens/service';
import { freshTable, settings } from '../../support/db';
import {
  httpApiV1AuthorizerEvent,
  httpApiV2AuthorizerEvent,
  restAuthorizerEvent,
  type AuthorizerRequest,
} from '../../support/events';
import { lambdaContext } from '../../support/lambda-context';
import { valueOf } from '../../support/outcome';
import { metricsNamed, printedLines, type PrintedLine } from '../../support/stdout';

/** A host's policy: its own routes besides the demonstration ones. */
const HOST_POLICY = {
  open: ['GET /v1/whoami'],
  routes: {
    'ANY /v1/{module}': '{module}',
    'DELETE /invoices/{invoiceId}': 'invoices:write',
    'GET /reports': '*:read',
  },
};

const ENV = {
  TOKEN_ENVIRONMENT: 'test',
  SESSION_ISSUER: 'issuer',
  SESSION_AUDIENCE: 'audience',
  SESSION_JWKS_URL: 'https://id.example/jwks',
};

let db: Db;
let authorize: ReturnType<typeof authorizerHandler>;
let authorizeHost: ReturnType<typeof authorizerHandler>;

beforeAll(async () => {
  db = await freshTable();
  const config = parseConfig({ ...ENV, TABLE_NAME: db.tableName });
  authorize = authorizerHandler(() => ({ config, db }));
  const hostConfig = parseConfig({ ...ENV, TABLE_NAME: db.tableName }, HOST_POLICY);
  authorizeHost = authorizerHandler(() => ({ config: hostConfig, db }));
});

const useEvents = async (keyHash: string): Promise<Record<string, unknown>[]> =>
  (
    await db.client.send(
      new ScanCommand({
        TableName: db.tableName,
        FilterExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': `USE#${keyHash}` },
      }),
    )
  ).Items ?? [];

const issue = async (scopes: string[], { expiresAt = null as Date | null, at = new Date() } = {}) => {
  const userId = `u-${randomUUID()}`;
  const created = valueOf(await createToken(db, settings, userId, { name: 'Nightly import', scopes, expiresAt }, at));
  return { ...created, userId };
};

type Answer = Awaited<ReturnType<typeof authorize>>;
const effectOf = (result: Answer) => ('policyDocument' in result ? result.policyDocument.Statement[0]?.Effect : null);

describe('the authorizer on a REST API REQUEST event, against DynamoDB Local', () => {
  it('allows a valid token in scope and records exactly one use event with what the consumer needs', async () => {
    const { token } = await issue(['cases:read']);
    const result = await authorize(restAuthorizerEvent({ token, module: 'cases', sourceIp: '203.0.113.9' }));
    expect(effectOf(result)).toBe('Allow');
    const events = await useEvents(hashToken(token));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      keyHash: hashToken(token),
      ip: '203.0.113.9',
      route: 'GET /v1/{module}',
      need: 'cases:read',
    });
    expect(JSON.stringify(events)).not.toContain(token);
  });

  it('records a refused use of a known token too (out of scope), naming the scope needed', async () => {
    const { token } = await issue(['cases:read']);
    const result = await authorize(restAuthorizerEvent({ token, method: 'POST', module: 'cases' }));
    expect(result.context).toEqual({
      code: 'insufficient_scope',
      message: 'This token lacks the scope cases:write that this route requires',
    });
    expect((await useEvents(hashToken(token))).map((event) => event.need)).toEqual(['cases:write']);
  });

  it('writes nothing for a never-issued token whose checksum is valid', async () => {
    const token = generateToken({ prefix: 'mp', environment: 'test' });
    const result = await authorize(restAuthorizerEvent({ token, module: 'cases' }));
    expect(effectOf(result)).toBe('Deny');
    expect(result.context).toEqual({ code: 'token_invalid', message: 'Invalid access token provided' });
    // Twice: the second time must not take the path of a key this container has seen.
    await authorize(restAuthorizerEvent({ token, module: 'cases', requestId: randomUUID() }));
    expect(await useEvents(hashToken(token))).toEqual([]);
  });

  it('writes nothing for a forged token: a known token with its checksum changed', async () => {
    const { token } = await issue(['cases:read']);
    // Seen once, so the key's hash is one this container writes alongside the read.
    await authorize(restAuthorizerEvent({ token, module: 'cases' }));
    const forged = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    const result = await authorize(restAuthorizerEvent({ token: forged, module: 'cases', requestId: randomUUID() }));
    expect(result.context).toEqual({ code: 'token_invalid', message: 'Invalid access token provided' });
    expect(await useEvents(hashToken(forged))).toEqual([]);
    expect(await useEvents(hashToken(token))).toHaveLength(1);
  });

  it('names only configured scopes for a hostile path segment, never the segment', async () => {
    const { token } = await issue(['cases:read']);
    const result = await authorize(restAuthorizerEvent({ token, module: 'x","code":"pwned' }));
    expect(result.context).toEqual({
      code: 'insufficient_scope',
      message: 'This token lacks the scope *:read that this route requires',
    });
    expect((await useEvents(hashToken(token))).map((event) => event.need)).toEqual(['*:read']);
  });
});

const UNMAPPED = { code: 'insufficient_scope', message: 'No token scope reaches this route' };

/** The outcome of one event in the terms every shape shares: allowed, and the context passed on. */
const outcome = async (event: AuthorizerEvent) => {
  const result = await authorizeHost(event);
  const allowed =
    'isAuthorized' in result ? result.isAuthorized : result.policyDocument.Statement[0]?.Effect === 'Allow';
  return { allowed, context: result.context };
};

describe.each([
  ['a REST API REQUEST event', restAuthorizerEvent],
  ['an HTTP API payload 1.0 event', httpApiV1AuthorizerEvent],
  ['an HTTP API payload 2.0 event', httpApiV2AuthorizerEvent],
] as const)('the authorizer under a host route policy, on %s', (_shape, eventOf) => {
  const invoice = (request: AuthorizerRequest) =>
    eventOf({
      method: 'DELETE',
      resource: '/invoices/{invoiceId}',
      path: '/invoices/inv-42',
      pathParameters: { invoiceId: 'inv-42' },
      ...request,
    });

  it('allows a token with the scope a rule names, and passes its caller on', async () => {
    const { token, id } = await issue(['invoices:write']);
    const { allowed, context } = await outcome(invoice({ token }));
    expect(allowed).toBe(true);
    expect(context).toEqual({ userId: expect.stringMatching(/^u-/), tokenId: id, scope: 'invoices:write' });
  });

  it('refuses a route with no {module} parameter to a token of another scope (it once failed open)', async () => {
    const { token } = await issue(['cases:read']);
    const { allowed, context } = await outcome(invoice({ token }));
    expect(allowed).toBe(false);
    expect(context).toEqual({
      code: 'insufficient_scope',
      message: 'This token lacks the scope invoices:write that this route requires',
    });
  });

  it('needs <module>:read for a GET on a route no rule names, by its first segment naming a module', async () => {
    const notes = { resource: '/cases/{caseId}/notes', path: '/cases/c-1/notes', pathParameters: { caseId: 'c-1' } };
    const { token } = await issue(['cases:read']);
    expect((await outcome(eventOf({ token, ...notes }))).allowed).toBe(true);
    const { allowed, context } = await outcome(eventOf({ token, method: 'PATCH', ...notes }));
    expect(allowed).toBe(false);
    expect(context).toMatchObject({ message: expect.stringContaining('cases:write') });
  });

  it('refuses a route that no rule and no module maps, even to *:write, with a fixed message', async () => {
    const { token } = await issue(['*:write']);
    const { allowed, context } = await outcome(eventOf({ token, resource: '/admin/{proxy+}', path: '/admin/x' }));
    expect(allowed).toBe(false);
    expect(context).toEqual(UNMAPPED);
  });

  it('lets any valid token through an open route, and no invalid one', async () => {
    const { token } = await issue(['applicants:read']);
    expect((await outcome(eventOf({ token }))).allowed).toBe(true);
    const forged = generateToken({ prefix: 'mp', environment: 'test' });
    expect(await outcome(eventOf({ token: forged }))).toEqual({
      allowed: false,
      context: { code: 'token_invalid', message: 'Invalid access token provided' },
    });
  });

  it('refuses a revoked token', async () => {
    const userId = `u-${randomUUID()}`;
    const created = valueOf(
      await createToken(db, settings, userId, { name: 'n', scopes: ['*:write'], expiresAt: null }, new Date()),
    );
    valueOf(await revokeToken(db, settings, userId, created.id, new Date()));
    expect(await outcome(invoice({ token: created.token }))).toEqual({
      allowed: false,
      context: { code: 'token_invalid', message: 'Invalid access token provided' },
    });
  });

  it('refuses a token revoked at a time its own clock has not reached (the revoking host’s clock runs ahead)', async () => {
    const userId = `u-${randomUUID()}`;
    const created = valueOf(
      await createToken(db, settings, userId, { name: 'n', scopes: ['*:write'], expiresAt: null }, new Date()),
    );
    valueOf(await revokeToken(db, settings, userId, created.id, new Date(Date.now() + 3_600_000)));
    expect(await outcome(invoice({ token: created.token }))).toEqual({
      allowed: false,
      context: { code: 'token_invalid', message: 'Invalid access token provided' },
    });
  });

  it('refuses an expired token', async () => {
    const at = new Date(Date.now() - 3 * 86_400_000);
    const { token } = await issue(['*:write'], { at, expiresAt: new Date(Date.now() - 86_400_000) });
    expect(await outcome(invoice({ token }))).toEqual({
      allowed: false,
      context: { code: 'token_expired', message: 'API token has expired' },
    });
  });

  it('refuses a request without an Authorization header', async () => {
    expect(await outcome(invoice({}))).toEqual({
      allowed: false,
      context: { code: 'token_missing', message: 'A bearer API token is required' },
    });
  });
});

describe('the authorizer on an HTTP API payload 2.0 event', () => {
  it('answers with a simple response and records the route key', async () => {
    const { token } = await issue(['*:read']);
    const result = await authorizeHost(
      httpApiV2AuthorizerEvent({ token, resource: '/reports', sourceIp: '203.0.113.20' }),
    );
    expect(result).toEqual({ isAuthorized: true, context: expect.objectContaining({ scope: '*:read' }) });
    expect(await useEvents(hashToken(token))).toEqual([
      expect.objectContaining({ route: 'GET /reports', need: '*:read', ip: '203.0.113.20' }),
    ]);
  });

  it('refuses the $default route, which names no module and no rule', async () => {
    const { token } = await issue(['*:write']);
    const event = httpApiV2AuthorizerEvent({ token, resource: '/anything', routeKey: '$default' });
    expect(await authorizeHost(event)).toEqual({ isAuthorized: false, context: UNMAPPED });
  });

  it('matches an ANY route key by the request method', async () => {
    const { token } = await issue(['cases:read']);
    const event = (method: string) =>
      httpApiV2AuthorizerEvent({ token, method, module: 'cases', routeKey: 'ANY /v1/{module}' });
    expect((await authorizeHost(event('GET'))).context).toMatchObject({ scope: 'cases:read' });
    expect((await authorizeHost(event('POST'))).context).toMatchObject({ code: 'insufficient_scope' });
  });
});

describe('the log line of a decision', () => {
  afterEach(() => jest.restoreAllMocks());

  /** What a decision line says of a token the table knows: a short hash prefix, its id and its owner. */
  const knownToken = (token: string, tokenId: string, userId: string) => ({
    tokenKey: hashToken(token).slice(0, 8),
    tokenId,
    userId,
  });

  it("names the reason, the route, a short key-hash prefix and the known token's id and owner, never the token", async () => {
    const lines = jest.spyOn(logger, 'info');
    const { token, id, userId } = await issue(['cases:read']);
    await authorizeHost(httpApiV2AuthorizerEvent({ token, method: 'POST', module: 'cases', requestId: 'r-1' }));
    expect(lines).toHaveBeenCalledWith('Request refused', {
      outcome: 'deny',
      reason: 'insufficient_scope',
      code: 'insufficient_scope',
      route: 'POST /v1/{module}',
      requestId: 'r-1',
      sourceIp: '198.51.100.7',
      ...knownToken(token, id, userId),
    });
    expect(JSON.stringify(lines.mock.calls)).not.toContain(token);
  });

  it('names an unmapped route as the reason, with no token read', async () => {
    const lines = jest.spyOn(logger, 'info');
    const { token } = await issue(['*:write']);
    await authorizeHost(httpApiV2AuthorizerEvent({ token, resource: '/admin', requestId: 'r-2' }));
    expect(lines).toHaveBeenCalledWith('Request refused', expect.objectContaining({ reason: 'unmapped_route' }));
    expect(lines.mock.calls[0]?.[1]).not.toHaveProperty('tokenKey');
    expect(await useEvents(hashToken(token))).toEqual([]);
  });

  it('logs an unknown token by its hash prefix alone: no token id, no owner', async () => {
    const lines = jest.spyOn(logger, 'info');
    const token = generateToken({ prefix: 'mp', environment: 'test' });
    await authorize(restAuthorizerEvent({ token, requestId: 'r-3' }));
    expect(lines).toHaveBeenCalledTimes(1);
    const [message, line] = lines.mock.calls[0] as [string, Record<string, unknown>];
    expect(message).toBe('Request refused');
    expect(line).toMatchObject({ outcome: 'deny', reason: 'unknown', tokenKey: hashToken(token).slice(0, 8) });
    expect(line).not.toHaveProperty('tokenId');
    expect(line).not.toHaveProperty('userId');
  });

  it('logs one line for an allowed request: the token id, its owner, the route and the source address', async () => {
    const lines = jest.spyOn(logger, 'info');
    const { token, id, userId } = await issue(['cases:read']);
    await authorize(restAuthorizerEvent({ token, module: 'cases', requestId: 'r-4', sourceIp: '203.0.113.9' }));
    expect(lines.mock.calls).toEqual([
      [
        'Request allowed',
        {
          outcome: 'allow',
          reason: 'valid',
          route: 'GET /v1/{module}',
          requestId: 'r-4',
          sourceIp: '203.0.113.9',
          ...knownToken(token, id, userId),
        },
      ],
    ]);
    expect(JSON.stringify(lines.mock.calls)).not.toContain(token);
  });

  it('logs a request it could not decide as an error line, and lets API Gateway answer its failure', async () => {
    const errors = jest.spyOn(logger, 'error');
    const { token } = await issue(['cases:read']);
    const broken = parseConfig({ ...ENV, TABLE_NAME: `missing-${randomUUID()}` });
    const failing = authorizerHandler(() => ({ config: broken, db: { ...db, tableName: broken.tableName } }));
    await expect(failing(restAuthorizerEvent({ token, module: 'cases', requestId: 'r-5' }))).rejects.toThrow();
    expect(errors).toHaveBeenCalledWith(
      'Request not decided',
      expect.objectContaining({ outcome: 'error', reason: 'fault', route: 'GET /v1/{module}', requestId: 'r-5' }),
    );
    expect(JSON.stringify(errors.mock.calls)).not.toContain(token);
  });
});

describe('the metrics of the authorizer', () => {
  it('counts each decision by outcome as a CloudWatch EMF line', async () => {
    const { token } = await issue(['cases:read']);
    const lines = await printedLines(async () => {
      await authorize(restAuthorizerEvent({ token, module: 'cases' }));
      await authorize(restAuthorizerEvent({ token, module: 'cases', method: 'POST' }));
      await authorize(restAuthorizerEvent({ token: undefined, module: 'cases' }));
    });
    expect(metricsNamed(lines, 'AuthorizerDecisions')).toEqual([
      { value: 1, dimensions: { service: 'api-tokens', outcome: 'allow' } },
      { value: 1, dimensions: { service: 'api-tokens', outcome: 'deny' } },
      { value: 1, dimensions: { service: 'api-tokens', outcome: 'deny' } },
    ]);
  });

  it('counts a use event it could not write, and still allows the request', async () => {
    const { token } = await issue(['cases:read']);
    // A sort key over DynamoDB's 1 KB limit: the key's read succeeds, the use event's write fails.
    const requestId = 'r'.repeat(2_000);
    const lines = await printedLines(async () => {
      expect((await authorize(restAuthorizerEvent({ token, module: 'cases', requestId }))).context).toMatchObject({
        scope: 'cases:read',
      });
    });
    expect(metricsNamed(lines, 'UseEventWriteFailures')).toEqual([{ value: 1, dimensions: { service: 'api-tokens' } }]);
  });
});

describe('the Lambda context in the log lines', () => {
  it("carries the invocation's request id and function, and marks only the first invocation a cold start", async () => {
    // Powertools reports cold starts only in on-demand execution environments, as Lambda sets it.
    process.env.AWS_LAMBDA_INITIALIZATION_TYPE = 'on-demand';
    let lines: PrintedLine[] = [];
    try {
      await jest.isolateModulesAsync(async () => {
        const { authorizerHandler: fresh } = await import('../../../functions/authorize');
        const config = parseConfig({ ...ENV, TABLE_NAME: db.tableName });
        const handler = fresh(() => ({ config, db }));
        lines = await printedLines(async () => {
          await handler(restAuthorizerEvent({ token: undefined }), lambdaContext('lambda-1'));
          await handler(restAuthorizerEvent({ token: undefined }), lambdaContext('lambda-2'));
        });
      });
    } finally {
      delete process.env.AWS_LAMBDA_INITIALIZATION_TYPE;
    }
    expect(lines.filter((line) => line.message === 'Request refused')).toEqual([
      expect.objectContaining({
        function_request_id: 'lambda-1',
        function_name: 'api-tokens-test-authorize',
        cold_start: true,
        outcome: 'deny',
      }),
      expect.objectContaining({ function_request_id: 'lambda-2', cold_start: false }),
    ]);
  });
});
