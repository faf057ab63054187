import { GetCommand, type GetCommandOutput } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { availableParallelism, constants } from 'node:os';
import { config } from '../lib/config';
import { createDb, db } from '../lib/storage/dynamodb';
import { keys } from '../lib/storage/keys';
import { ensureTable } from '../lib/storage/table';
import { generateToken, hashToken } from '../lib/tokens/format';
import { createToken } from '../lib/tokens/service';
import { bundleSizes, type BundleSize } from './bench/bundle';
import { casesRequest } from './bench/event';
import { formatMicros, summarize, type Summary } from './bench/stats';
import { measureInterleaved, scenario, type Scenario } from './bench/timing';
import { localClient, startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local';
import { freePort } from './ports';

// `npm run bench`: authorizer latency against a bare GetItem on DynamoDB Local, and the Lambdas' bundle sizes.

const WARMUP_ITERATIONS = 1000;
const MEASURED_ITERATIONS = 2000;
const GOAL_MAX_RATIO = 1.15;
const GOAL_MAX_BAD_CHECKSUM_MICROS = 50;
const GOAL_MAX_AUTHORIZER_KB = 600;
const CALL_COUNTER = 'benchDbCallCounter';

type Authorizer = (event: APIGatewayRequestAuthorizerEvent) => Promise<APIGatewayAuthorizerResult>;

type ScenarioName = 'baseline' | 'valid' | 'badChecksum' | 'unknown';

interface LatencyResult {
  label: string;
  dbCalls: number;
  summary: Summary;
}

type LatencyResults = Record<ScenarioName, LatencyResult>;

const configureEnvironment = (endpoint: string, tableName: string): void => {
  Object.assign(process.env, {
    STAGE: 'local',
    TABLE_NAME: tableName,
    DYNAMODB_ENDPOINT: endpoint,
    TOKEN_ENVIRONMENT: 'test',
    SESSION_ISSUER: 'bench',
    SESSION_AUDIENCE: 'bench',
    SESSION_JWKS_URL: '',
    // Config requires a session key source; the authorizer never reads the file.
    SESSION_DEV_KEY_FILE: '.local/bench-unused-session-key.json',
  });
};

const createBenchToken = async (endpoint: string, tableName: string): Promise<string> => {
  const created = await createToken(
    createDb({ tableName, endpoint }),
    config().tokens,
    'bench-user',
    { name: 'bench', scopes: ['cases:read'], expiresAt: null },
    new Date(),
  );
  return created.token;
};

/** The same token with its last checksum character changed, so the checksum no longer matches. */
const withBadChecksum = (token: string): string => token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');

const expectKeyItem = (answer: GetCommandOutput): void => {
  if (answer.Item === undefined) throw new Error('the token key item is missing');
};

const expectPolicy =
  (effect: 'Allow' | 'Deny', code?: string) =>
  (result: APIGatewayAuthorizerResult): void => {
    const actual = result.policyDocument.Statement[0]?.Effect;
    if (actual !== effect || (code !== undefined && result.context?.code !== code)) {
      throw new Error(`expected ${effect} ${code ?? ''}, got ${JSON.stringify(result)}`);
    }
  };

const scenarios = (authorize: Authorizer, token: string): Record<ScenarioName, Scenario> => {
  const { client, tableName } = db();
  const getItem = new GetCommand({ TableName: tableName, Key: keys.key(hashToken(token)), ConsistentRead: true });
  const valid = casesRequest(token);
  const badChecksum = casesRequest(withBadChecksum(token));
  const unknown = casesRequest(generateToken(config().tokens));
  const denied = expectPolicy('Deny', 'token_invalid');
  return {
    baseline: scenario('bare GetItem (baseline)', 1, () => client.send(getItem), expectKeyItem),
    valid: scenario('authorizer, valid token → Allow', 1, () => authorize(valid), expectPolicy('Allow')),
    badChecksum: scenario('authorizer, bad checksum → Deny', 0, () => authorize(badChecksum), denied),
    unknown: scenario('authorizer, unknown token → Deny', 1, () => authorize(unknown), denied),
  };
};

/** Counts the DynamoDB calls `run` makes through the authorizer's client. */
const countDbCalls = async (run: () => Promise<unknown>): Promise<number> => {
  const { client } = db();
  let calls = 0;
  client.middlewareStack.add(
    (next) => (args) => {
      calls++;
      return next(args);
    },
    { step: 'initialize', name: CALL_COUNTER },
  );
  try {
    await run();
  } finally {
    client.middlewareStack.remove(CALL_COUNTER);
  }
  return calls;
};

const checkDbCalls = async (entries: readonly Scenario[]): Promise<void> => {
  for (const entry of entries) {
    const calls = await countDbCalls(entry.timeOnce);
    if (calls !== entry.dbCalls) {
      throw new Error(`${entry.label}: expected ${entry.dbCalls} DynamoDB call(s), saw ${calls}`);
    }
  }
};

const measureLatency = async (dynamo: DynamoDbLocal): Promise<LatencyResults> => {
  const tableName = `bench-${randomUUID()}`;
  const admin = localClient(dynamo.endpoint);
  await ensureTable(admin, tableName);
  admin.destroy();
  configureEnvironment(dynamo.endpoint, tableName);
  // Imported only now: lib/config reads process.env once, on first use.
  const { handler } = await import('../functions/authorize');
  const token = await createBenchToken(dynamo.endpoint, tableName);

  const named = scenarios(handler, token);
  const entries = Object.values(named);
  await checkDbCalls(entries);
  await measureInterleaved(entries, WARMUP_ITERATIONS);
  const samples = await measureInterleaved(entries, MEASURED_ITERATIONS);
  db().client.destroy();
  const result = (entry: Scenario): LatencyResult => ({
    label: entry.label,
    dbCalls: entry.dbCalls,
    summary: summarize(samples.get(entry) ?? []),
  });
  return {
    baseline: result(named.baseline),
    valid: result(named.valid),
    badChecksum: result(named.badChecksum),
    unknown: result(named.unknown),
  };
};

const kilobytes = (bytes: number): number => bytes / 1024;

const latencyTable = (results: LatencyResults): string[] => [
  '| Measurement | DB calls | Median | p95 | Mean |',
  '| --- | ---: | ---: | ---: | ---: |',
  ...Object.values(results).map(
    ({ label, dbCalls, summary }) =>
      `| ${label} | ${dbCalls} | ${formatMicros(summary.median)} | ${formatMicros(summary.p95)} | ${formatMicros(summary.mean)} |`,
  ),
];

const bundleTable = (bundles: readonly BundleSize[]): string[] => [
  '| Lambda | Bundle size |',
  '| --- | ---: |',
  ...bundles.map(({ name, bytes }) => `| ${name} | ${kilobytes(bytes).toFixed(1)} KB |`),
];

const largestParts = (bundle: BundleSize): string =>
  bundle.byPackage
    .slice(0, 5)
    .map(([name, bytes]) => `${name} ${kilobytes(bytes).toFixed(0)} KB`)
    .join(', ');

const goal = (met: boolean, text: string): string => `- ${met ? 'met' : 'NOT met'}: ${text}`;

const goalLines = (results: LatencyResults, bundles: readonly BundleSize[]): string[] => {
  const baseline = results.baseline.summary;
  const valid = results.valid.summary;
  const badChecksum = results.badChecksum.summary;
  const authorizer = bundles.find((bundle) => bundle.name === 'authorize');
  if (authorizer === undefined) throw new Error('functions/authorize.ts was not bundled');
  const ratio = (pick: (summary: Summary) => number): number => pick(valid) / pick(baseline);
  const medianRatio = ratio((summary) => summary.median);
  const authorizerKb = kilobytes(authorizer.bytes);
  return [
    goal(
      medianRatio <= GOAL_MAX_RATIO,
      `authorizer (valid token) / bare GetItem, median ${medianRatio.toFixed(3)}x ` +
        `(p95 ${ratio((summary) => summary.p95).toFixed(3)}x, mean ${ratio((summary) => summary.mean).toFixed(3)}x); ` +
        `goal ≤ ${GOAL_MAX_RATIO}x`,
    ),
    goal(
      badChecksum.median < GOAL_MAX_BAD_CHECKSUM_MICROS,
      `bad-checksum refusal, median ${formatMicros(badChecksum.median)} (p95 ${formatMicros(badChecksum.p95)}), ` +
        `no DB call; goal < ${GOAL_MAX_BAD_CHECKSUM_MICROS} µs`,
    ),
    goal(
      authorizerKb < GOAL_MAX_AUTHORIZER_KB,
      `authorizer bundle ${authorizerKb.toFixed(1)} KB; goal < ${GOAL_MAX_AUTHORIZER_KB} KB ` +
        `(largest parts: ${largestParts(authorizer)})`,
    ),
  ];
};

const report = (results: LatencyResults, bundles: readonly BundleSize[]): string =>
  [
    '### Authorizer latency',
    '',
    `DynamoDB Local in memory on loopback; Node ${process.version}, ${availableParallelism()} CPUs; ` +
      `${MEASURED_ITERATIONS} interleaved iterations per row after ${WARMUP_ITERATIONS} warm-up.`,
    '',
    ...latencyTable(results),
    '',
    '### Lambda bundle sizes',
    '',
    'esbuild as in serverless.yml: bundle, minify, platform node, target node20, nothing external; 1 KB = 1024 bytes.',
    '',
    ...bundleTable(bundles),
    '',
    '### Goals',
    '',
    ...goalLines(results, bundles),
  ].join('\n');

const main = async (): Promise<void> => {
  const bundles = await bundleSizes();
  const dynamo = await startDynamoDbLocal(await freePort());
  const stopOnSignal = (signal: NodeJS.Signals): void =>
    void dynamo.stop().finally(() => process.exit(128 + constants.signals[signal]));
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  try {
    const results = await measureLatency(dynamo);
    console.log(report(results, bundles));
  } finally {
    await dynamo.stop();
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
