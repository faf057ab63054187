import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { createTokenHandler } from '../../../functions/createToken';
import { revokeTokenHandler } from '../../../functions/revokeToken';
import { parseConfig } from '../../../lib/config';
import { logger } from '../../../lib/log';
import { signDevSession } from '../../../local/dev-session';
import local from '../../../infra/local.json';
import { freshTable } from '../../support/db';
import { restProxyEvent } from '../../support/events';
import { lambdaContext } from '../../support/lambda-context';
import { printedLines } from '../../support/stdout';

const keyDir = mkdtempSync(join(tmpdir(), 'audit-session-'));
const keyFile = join(keyDir, 'key.json');
afterAll(() => rmSync(keyDir, { recursive: true, force: true }));

let create: ReturnType<typeof createTokenHandler>;
let revoke: ReturnType<typeof revokeTokenHandler>;

beforeAll(async () => {
  const db = await freshTable();
  const config = parseConfig({
    STAGE: 'local',
    TABLE_NAME: db.tableName,
    TOKEN_ENVIRONMENT: 'test',
    SESSION_ISSUER: local.sessionIssuer,
    SESSION_AUDIENCE: local.sessionAudience,
    SESSION_DEV_KEY_FILE: keyFile,
  });
  create = createTokenHandler(() => ({ config, db }));
  revoke = revokeTokenHandler(() => ({ config, db }));
});

afterEach(() => jest.restoreAllMocks());

const SOURCE_IP = '198.51.100.7';

const asUser = async (userId: string, event: Partial<APIGatewayProxyEvent>): Promise<APIGatewayProxyEvent> =>
  restProxyEvent({ ...event, headers: { Authorization: `Bearer ${await signDevSession(userId, { file: keyFile })}` } });

const createAs = async (userId: string, name = 'Nightly import') =>
  create(await asUser(userId, { body: JSON.stringify({ name, scopes: ['cases:read'] }) }));

const revokeAs = async (userId: string, id: string) =>
  revoke(
    await asUser(userId, {
      httpMethod: 'DELETE',
      resource: '/tokens/{id}',
      path: `/tokens/${id}`,
      pathParameters: { id },
    }),
  );

describe('the audit line of a token change', () => {
  it('logs who created which token, its name and the source address, never the token', async () => {
    const lines = jest.spyOn(logger, 'info');
    const userId = `u-${randomUUID()}`;
    const reply = await createAs(userId, 'Mailchimp sync');
    const { id, token } = JSON.parse(reply.body) as { id: string; token: string };
    expect(reply.statusCode).toBe(201);
    expect(lines.mock.calls).toEqual([
      ['Token created', { audit: 'token_created', userId, tokenId: id, name: 'Mailchimp sync', sourceIp: SOURCE_IP }],
    ]);
    expect(JSON.stringify(lines.mock.calls)).not.toContain(token);
  });

  it('logs who revoked which token, its name and the source address', async () => {
    const userId = `u-${randomUUID()}`;
    const { id } = JSON.parse((await createAs(userId)).body) as { id: string };
    const lines = jest.spyOn(logger, 'info');
    expect((await revokeAs(userId, id)).statusCode).toBe(204);
    expect(lines.mock.calls).toEqual([
      ['Token revoked', { audit: 'token_revoked', userId, tokenId: id, name: 'Nightly import', sourceIp: SOURCE_IP }],
    ]);
  });

  it("logs nothing for a revoke that changes nothing: another user's token, or one already revoked", async () => {
    const owner = `u-${randomUUID()}`;
    const { id } = JSON.parse((await createAs(owner)).body) as { id: string };
    await revokeAs(owner, id);
    const lines = jest.spyOn(logger, 'info');
    expect((await revokeAs(`u-${randomUUID()}`, id)).statusCode).toBe(404);
    expect((await revokeAs(owner, id)).statusCode).toBe(404);
    expect(lines).not.toHaveBeenCalled();
  });

  it("carries the management function's Lambda request id", async () => {
    const userId = `u-${randomUUID()}`;
    const event = await asUser(userId, { body: JSON.stringify({ name: 'CI', scopes: ['cases:read'] }) });
    const lines = await printedLines(() =>
      create(event, lambdaContext('lambda-create', 'api-tokens-test-createToken')),
    );
    expect(lines.find((line) => line.message === 'Token created')).toMatchObject({
      function_request_id: 'lambda-create',
      function_name: 'api-tokens-test-createToken',
      userId,
    });
  });
});
