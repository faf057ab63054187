import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { reportGithubLeaksHandler } from '../../../functions/reportGithubLeaks';
import { reportLeaksHandler } from '../../../functions/reportLeaks';
import { readAuditPage } from '../../../lib/audit/store';
import { parseConfig, type Config } from '../../../lib/config';
import type { Db } from '../../../lib/storage/dynamodb';
import { hashToken } from '../../../lib/tokens/format';
import { createToken } from '../../../lib/tokens/service';
import { findKey } from '../../../lib/tokens/store';
import { freshTable } from '../../support/db';
import { restProxyEvent } from '../../support/events';
import { scanningKey, serveKeys, signedHeaders, type KeyServer } from '../../support/leaks';

let db: Db;
let config: Config;
let keyServer: KeyServer;
const current = scanningKey('current-key');
const stranger = scanningKey('not-listed');

beforeAll(async () => {
  db = await freshTable();
  keyServer = await serveKeys([current]);
  config = parseConfig({
    TABLE_NAME: db.tableName,
    TOKEN_ENVIRONMENT: 'test',
    SESSION_ISSUER: 'issuer',
    SESSION_AUDIENCE: 'audience',
    SESSION_JWKS_URL: 'https://id.example/jwks',
    LEAK_REPORT_RATE_LIMIT: '3',
    GITHUB_SECRET_SCANNING_KEYS_URL: keyServer.url,
  });
});
afterAll(() => keyServer.close());

let ipCount = 0;
/** A source address of its own per test, so that the per-address limit of one test never reaches another. */
const nextIp = () => `203.0.113.${++ipCount}`;

const event = (path: string, body: string, headers: Record<string, string> = {}, ip = nextIp()) => {
  const base = restProxyEvent({});
  return restProxyEvent({
    resource: path,
    path,
    body,
    headers,
    requestContext: { ...base.requestContext, identity: { ...base.requestContext.identity, sourceIp: ip } },
  });
};

const issue = async (userId: string, name: string) => {
  const created = await createToken(
    db,
    config.tokens,
    userId,
    { name, scopes: ['cases:read'], expiresAt: null },
    new Date(),
  );
  if (!created.ok) throw new Error(`create refused: ${created.reason}`);
  return created.value;
};

const isRevoked = async (token: string) => (await findKey(db, hashToken(token)))?.revokedAt != null;

const parsed = (result: APIGatewayProxyResult) => ({ status: result.statusCode, body: JSON.parse(result.body) });

describe('POST /leaks, through its handler on DynamoDB Local', () => {
  const report = (body: unknown, ip?: string) =>
    reportLeaksHandler(() => ({ config, db }))(event('/leaks', JSON.stringify(body), {}, ip));

  it('revokes a valid token and writes revoked_leaked, with the url and the reporter, in its owner’s trail', async () => {
    const { token, id } = await issue('leak-owner', 'Nightly import');
    const reply = parsed(await report({ tokens: [token], url: 'https://gist.example/abc' }, '198.51.100.99'));
    expect(reply).toEqual({ status: 202, body: { received: 1 } });
    expect(await isRevoked(token)).toBe(true);
    const { entries } = await readAuditPage(db, 'leak-owner', 10, undefined);
    expect(entries).toEqual([
      expect.objectContaining({
        action: 'revoked_leaked',
        tokenId: id,
        tokenName: 'Nightly import',
        actor: 'leak-report',
        ip: '198.51.100.99',
        url: 'https://gist.example/abc',
      }),
    ]);
  });

  it('writes one entry only: a token reported twice, or again later, is revoked once', async () => {
    const { token } = await issue('twice-owner', 'Zapier');
    await report({ tokens: [token, token] });
    await report({ tokens: [token] });
    const { entries } = await readAuditPage(db, 'twice-owner', 10, undefined);
    expect(entries.map((entry) => entry.action)).toEqual(['revoked_leaked']);
  });

  it('writes one entry when reports of the same token race: the entry is written with the revocation or not at all', async () => {
    const { token } = await issue('race-owner', 'Raced');
    const replies = await Promise.all(Array.from({ length: 5 }, () => report({ tokens: [token] })));
    expect(replies.map((reply) => reply.statusCode)).toEqual([202, 202, 202, 202, 202]);
    const { entries } = await readAuditPage(db, 'race-owner', 10, undefined);
    expect(entries.map((entry) => entry.action)).toEqual(['revoked_leaked']);
  });

  it('refuses the fourth report of an address in a window with 429 and Retry-After, revoking nothing', async () => {
    const ip = nextIp();
    for (let i = 0; i < 3; i++) expect((await report({ tokens: ['x'] }, ip)).statusCode).toBe(202);
    const { token } = await issue('limited-owner', 'CI');
    const refused = await report({ tokens: [token] }, ip);
    expect(parsed(refused)).toEqual({ status: 429, body: { code: 'rate_limited', message: 'Too many requests' } });
    expect(Number(refused.headers?.['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(await isRevoked(token)).toBe(false);
    expect((await report({ tokens: [token] })).statusCode).toBe(202);
    expect(await isRevoked(token)).toBe(true);
  });
});

describe('POST /leaks/github, through its handler on DynamoDB Local, keys from a local key server', () => {
  const handler = reportGithubLeaksHandler(() => ({ config, db }));
  const matches = (token: string) =>
    JSON.stringify([{ token, type: 'mp_test_token', url: 'https://github.com/o/r/blob/abc/.env', source: 'content' }]);
  const post = (body: string, headers: Record<string, string>, extra: Partial<APIGatewayProxyEvent> = {}) =>
    handler({ ...event('/leaks/github', body, headers), ...extra });

  it('accepts a report signed by a listed key: revokes the token, its trail keeps the report’s url', async () => {
    const { token, id } = await issue('gh-owner', 'Deploy');
    const body = matches(token);
    const reply = parsed(await post(body, signedHeaders(current, body)));
    expect(reply).toEqual({ status: 202, body: { received: 1 } });
    expect(await isRevoked(token)).toBe(true);
    const { entries } = await readAuditPage(db, 'gh-owner', 10, undefined);
    expect(entries).toEqual([
      expect.objectContaining({
        action: 'revoked_leaked',
        tokenId: id,
        actor: 'github-secret-scanning',
        url: 'https://github.com/o/r/blob/abc/.env',
      }),
    ]);
  });

  it('verifies over the raw bytes when API Gateway hands the body over base64-encoded', async () => {
    const { token } = await issue('gh-base64', 'Déploiement ✓');
    const body = matches(token).replace('content', 'contenu ✓');
    const headers = signedHeaders(current, body);
    const reply = await post(Buffer.from(body).toString('base64'), headers, { isBase64Encoded: true });
    expect(reply.statusCode).toBe(202);
    expect(await isRevoked(token)).toBe(true);
  });

  const refusedCases: [string, (body: string) => Record<string, string>, (body: string) => string][] = [
    ['unsigned', () => ({}), (body) => body],
    ['signed by a key the list does not hold', (body) => signedHeaders(stranger, body), (body) => body],
    [
      'signed by an unlisted key under a listed key id',
      (body) => ({ ...signedHeaders(stranger, body), 'Github-Public-Key-Identifier': current.keyId }),
      (body) => body,
    ],
    ['tampered after signing', (body) => signedHeaders(current, body), (body) => body.replace('content', 'commit')],
    [
      'with a signature that is not base64 DER',
      () => ({ 'Github-Public-Key-Identifier': current.keyId, 'Github-Public-Key-Signature': 'not a signature' }),
      (body) => body,
    ],
  ];

  it.each(refusedCases)(
    'refuses a report %s with 401 signature_invalid and revokes nothing',
    async (label, sign, send) => {
      const { token } = await issue(`gh-refused-${label}`, 'Refused');
      const body = matches(token);
      const reply = parsed(await post(send(body), sign(body)));
      expect(reply).toEqual({
        status: 401,
        body: { code: 'signature_invalid', message: 'The report is not signed by a known key' },
      });
      expect(await isRevoked(token)).toBe(false);
    },
  );

  it('fetches the key list again for an unknown key id at most once a minute', async () => {
    const fresh = reportGithubLeaksHandler(() => ({ config, db }));
    const before = keyServer.fetches();
    const body = matches('mp_test_unknown');
    await fresh(event('/leaks/github', body, signedHeaders(current, body)));
    for (let i = 0; i < 3; i++) await fresh(event('/leaks/github', body, signedHeaders(stranger, body)));
    expect(keyServer.fetches() - before).toBe(1);
  });

  it('answers 400 invalid_request to a signed body that is not the partner format', async () => {
    const body = JSON.stringify({ token: 'x' });
    const reply = parsed(await post(body, signedHeaders(current, body)));
    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe('invalid_request');
  });
});
