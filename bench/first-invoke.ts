import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { importJWK } from 'jose';
import local from '../infra/local.json';
import { ensureDevSessionKey, signLocalSession } from '../local/dev-session';
import { generateToken } from '../lib/tokens/format';
import { restAuthorizerEvent, restProxyEvent } from '../test/support/events';
import { bundleEntry, type BundleSize } from './bundle-sizes';
import { freshDeps } from './deps';
import { median } from './stats';
import { createBenchToken } from './tokens';

const RUNS = 5;
const USER = 'bench-cold-user';
const ROLL_USER = 'bench-cold-roller';
/** The bundle of bench/control-getitem.ts, in the table beside the Lambdas. */
export const CONTROL = 'control: one GetItem';

export interface FirstInvoke {
  name: string;
  bytes: number;
  /** Medians over fresh Node processes: requiring the bundle, then its first invocation until it answers, ms. */
  loadMs: number;
  invokeMs: number;
  /** What the first invocation answered (status code, or the authorizer's Allow), to show it did its work. */
  answer: string;
}

// In a fresh process, as Lambda's init phase and then its first invocation: the module load, then one call.
const INVOKE = `
const [file, event] = process.argv.slice(1);
const context = { functionName: 'bench', functionVersion: '$LATEST', memoryLimitInMB: '1024', awsRequestId: 'bench-1',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:bench', getRemainingTimeInMillis: () => 10000 };
const t0 = process.hrtime.bigint();
const { handler } = require(file);
const t1 = process.hrtime.bigint();
Promise.resolve(handler(JSON.parse(event), context)).then((result) => {
  const t2 = process.hrtime.bigint();
  const answer = String(result?.statusCode ?? result?.policyDocument?.Statement?.[0]?.Effect ?? (result ? 'answered' : 'none'));
  console.log('\\n' + JSON.stringify({ loadMs: Number(t1 - t0) / 1e6, invokeMs: Number(t2 - t1) / 1e6, answer }));
  process.exit(0);
}, (error) => { console.error(error); process.exit(1); });
`;

const run = promisify(execFile);

type ProxyOverrides = Parameters<typeof restProxyEvent>[0];

const management = (session: string, overrides: ProxyOverrides) =>
  restProxyEvent({ headers: { Authorization: `Bearer ${session}` }, ...overrides });

/** A request the authorizer let through, with the caller it put in the context. */
const authorized = (overrides: ProxyOverrides) => {
  const event = restProxyEvent({ httpMethod: 'GET', ...overrides });
  return {
    ...event,
    requestContext: {
      ...event.requestContext,
      authorizer: { userId: USER, tokenId: 'tok_bench', scope: 'cases:read' },
    },
  };
};

interface Fixture {
  session: string;
  token: string;
  tokenId: string;
  /** A token of the user for each run to revoke. */
  revocable: string[];
  /** Another user's session and a token of theirs for each run to roll (the first user's slots are taken). */
  rollSession: string;
  rollable: string[];
  /** A well-formed token of this environment that was never issued: a leak report's one read. */
  neverIssued: string;
}

/** One representative request per Lambda for run `run`: what each does on a real first call. */
const eventsFor = (
  { session, token, tokenId, revocable, rollSession, rollable, neverIssued }: Fixture,
  run: number,
): Record<string, unknown> => ({
  health: restProxyEvent({ httpMethod: 'GET', resource: '/health', path: '/health' }),
  listScopes: restProxyEvent({ httpMethod: 'GET', resource: '/scopes', path: '/scopes' }),
  whoami: authorized({ resource: '/v1/whoami', path: '/v1/whoami' }),
  moduleRoute: authorized({ resource: '/v1/{module}', path: '/v1/cases', pathParameters: { module: 'cases' } }),
  openapi: restProxyEvent({ httpMethod: 'GET', resource: '/openapi.json', path: '/openapi.json' }),
  authorize: restAuthorizerEvent({ token, module: 'cases', requestId: 'bench-first-invoke' }),
  // An empty batch: the consumer's load and handler, without the aggregation (measured on its own).
  aggregateUsage: { Records: [] },
  createToken: management(session, { body: JSON.stringify({ name: `first invoke ${run}`, scopes: ['cases:read'] }) }),
  listTokens: management(session, { httpMethod: 'GET' }),
  revokeToken: management(session, { httpMethod: 'DELETE', pathParameters: { id: revocable[run] ?? '' } }),
  tokenUsage: management(session, { httpMethod: 'GET', pathParameters: { id: tokenId } }),
  updateToken: management(session, {
    httpMethod: 'PATCH',
    pathParameters: { id: tokenId },
    body: JSON.stringify({ description: `first invoke ${run}` }),
  }),
  rollToken: management(rollSession, { pathParameters: { id: rollable[run] ?? '' }, body: '{"graceSeconds":0}' }),
  listAudit: management(session, { httpMethod: 'GET', resource: '/audit', path: '/audit' }),
  listNotices: management(session, { httpMethod: 'GET', resource: '/notices', path: '/notices' }),
  reportLeaks: restProxyEvent({ resource: '/leaks', path: '/leaks', body: JSON.stringify({ tokens: [neverIssued] }) }),
  [CONTROL]: {},
});

const invokeOnce = async (file: string, event: unknown, env: NodeJS.ProcessEnv) => {
  const { stdout } = await run(process.execPath, ['-e', INVOKE, file, JSON.stringify(event)], { env });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '') as Omit<FirstInvoke, 'name' | 'bytes'>;
};

/**
 * Each Lambda's bundle (and a one-GetItem control bundle built the same way) required and invoked once in
 * fresh Node processes against a table on DynamoDB Local at `endpoint`: module load and first-invoke times.
 * The runs are interleaved (every bundle once, then again), so that the machine's other load falls on all alike.
 */
export const measureFirstInvokes = async (endpoint: string, bundles: readonly BundleSize[]): Promise<FirstInvoke[]> => {
  const dir = await mkdtemp(join(tmpdir(), 'bench-first-'));
  try {
    const { config, db } = await freshDeps(endpoint, 'bench-first');
    const keyFile = join(dir, 'session-key.json');
    const { privateJwk } = await ensureDevSessionKey(keyFile);
    const session = await signLocalSession(await importJWK(privateJwk, 'ES256'), USER);
    const { token, id: tokenId } = await createBenchToken(db, config.tokens, USER, 'first-invoke');
    const revocable: string[] = [];
    for (let i = 0; i < RUNS; i++) revocable.push((await createBenchToken(db, config.tokens, USER, `revoke ${i}`)).id);
    const rollSession = await signLocalSession(await importJWK(privateJwk, 'ES256'), ROLL_USER);
    const rollable: string[] = [];
    for (let i = 0; i < RUNS; i++)
      rollable.push((await createBenchToken(db, config.tokens, ROLL_USER, `roll ${i}`)).id);
    db.client.destroy();
    const env = {
      PATH: process.env.PATH,
      STAGE: 'local',
      TABLE_NAME: config.tableName,
      DYNAMODB_ENDPOINT: endpoint,
      TOKEN_ENVIRONMENT: config.tokens.environment,
      SESSION_ISSUER: local.sessionIssuer,
      SESSION_AUDIENCE: local.sessionAudience,
      SESSION_DEV_KEY_FILE: keyFile,
      POWERTOOLS_METRICS_NAMESPACE: 'bench',
    };
    const neverIssued = generateToken({ prefix: config.tokens.prefix, environment: config.tokens.environment });
    const fixture = { session, token, tokenId, revocable, rollSession, rollable, neverIssued };
    const all = [...bundles, { ...(await bundleEntry('bench/control-getitem.ts')), name: CONTROL }];
    const files = new Map<string, string>();
    for (const [i, bundle] of all.entries()) {
      const file = join(dir, `bundle-${i}.js`);
      await writeFile(file, bundle.code);
      files.set(bundle.name, file);
    }
    const samples = new Map(all.map((bundle) => [bundle.name, [] as Omit<FirstInvoke, 'name' | 'bytes'>[]]));
    for (let i = 0; i < RUNS; i++) {
      for (const bundle of all) {
        const event = eventsFor(fixture, i)[bundle.name] ?? {};
        samples.get(bundle.name)?.push(await invokeOnce(files.get(bundle.name) ?? '', event, env));
      }
    }
    return all.map(({ name, bytes }) => {
      const runs = samples.get(name) ?? [];
      return {
        name,
        bytes,
        loadMs: median(runs.map((r) => r.loadMs)),
        invokeMs: median(runs.map((r) => r.invokeMs)),
        answer: [...new Set(runs.map((r) => r.answer))].join('/'),
      };
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

/** The table of the report: each Lambda beside the control, loaded and invoked once in fresh processes. */
export const firstInvokeTable = (rows: readonly FirstInvoke[]): string[] => {
  const control = rows.find((row) => row.name === CONTROL);
  const vsControl = (ms: number, controlMs: number | undefined) =>
    controlMs === undefined ? '' : ` (${(ms / controlMs).toFixed(2)}x)`;
  return [
    `Each bundle required, then invoked once with a representative request, in a fresh Node process against ` +
      `DynamoDB Local; median of ${RUNS} processes, every bundle once per round. The control is a bundle built the ` +
      'same way that does one consistent GetItem with the plain SDK and nothing else; ratios are to it.',
    '',
    '| Lambda | Bundle | Module load | First invoke | Answered |',
    '| --- | ---: | ---: | ---: | --- |',
    ...rows.map(
      ({ name, bytes, loadMs, invokeMs, answer }) =>
        `| ${name} | ${(bytes / 1024).toFixed(1)} KB | ${loadMs.toFixed(1)} ms${vsControl(loadMs, control?.loadMs)} | ` +
        `${invokeMs.toFixed(1)} ms${vsControl(invokeMs, control?.invokeMs)} | ${answer} |`,
    ),
  ];
};
