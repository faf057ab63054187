import { GetCommand, QueryCommand, type GetCommandOutput } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { availableParallelism, constants } from 'node:os';
import { config } from '../lib/config';
import { createDb, db, type Db } from '../lib/storage/dynamodb';
import { keys } from '../lib/storage/keys';
import { ensureTable } from '../local/table';
import { generateToken, hashToken } from '../lib/tokens/format';
import { createToken } from '../lib/tokens/service';
import { findKey } from '../lib/tokens/store';
import { verifyToken, type Requirement, type Verdict } from '../lib/tokens/verify';
import { recordUse } from '../lib/usage/store';
import {
  ADDRESSES,
  EVENTS,
  measureAggregation,
  RUNS,
  SPAN_HOURS,
  TOKENS,
  type AggregationResult,
} from './bench/aggregation';
import { bundleSizes, webAssetSizes, type AssetSize, type BundleSize } from './bench/bundle';
import {
  callsByOperation,
  describeCalls,
  inFlightMicros,
  overlapped,
  recordDbCalls,
  type DbCall,
} from './bench/dbCalls';
import { casesRequest } from './bench/event';
import { formatMicros, summarize, type Summary } from './bench/stats';
import { measureInterleaved, scenario, type Scenario } from './bench/timing';
import { localClient, startDynamoDbLocal, type DynamoDbLocal } from '../local/dynamodb-local';
import { freePort } from '../local/free-port';

// `npm run bench`: authorizer latency against a bare GetItem on DynamoDB Local, the usage
// aggregator on one realistic stream batch, and the Lambdas' bundle sizes.

const WARMUP_ITERATIONS = 1000;
const MEASURED_ITERATIONS = 2000;
const GOAL_MAX_CHECK_RATIO = 1.15;
const GOAL_MAX_RECORDING_RATIO = 1.25;
const GOAL_MAX_BAD_CHECKSUM_MICROS = 50;
const GOAL_MAX_AUTHORIZER_KB = 600;
const GOAL_MAX_AGGREGATION_WRITES = 70;
const GOAL_MAX_AGGREGATION_MICROS = 1_000_000;

type Authorizer = (event: APIGatewayRequestAuthorizerEvent) => Promise<APIGatewayAuthorizerResult>;

type ScenarioName = 'baseline' | 'valid' | 'check' | 'badChecksum' | 'unknown' | 'putAlone' | 'getAndPut';

interface LatencyResult {
  label: string;
  dbCalls: string;
  summary: Summary;
}

type LatencyResults = Record<ScenarioName, LatencyResult>;

interface LatencyRun {
  results: LatencyResults;
  /** Findings of the checks after the timed runs. */
  checks: string[];
}

const REQUIREMENT: Requirement = { module: 'cases', access: 'read' };

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

const expectValid = (verdict: Verdict): void => {
  if (!verdict.valid) throw new Error(`expected a valid token, got ${JSON.stringify(verdict)}`);
};

const expectPolicy =
  (effect: 'Allow' | 'Deny', code?: string) =>
  (result: APIGatewayAuthorizerResult): void => {
    const actual = result.policyDocument.Statement[0]?.Effect;
    if (actual !== effect || (code !== undefined && result.context?.code !== code)) {
      throw new Error(`expected ${effect} ${code ?? ''}, got ${JSON.stringify(result)}`);
    }
  };

/** Events whose request id changes on every call, as API Gateway's does, so every recorded use is its own item. */
const freshRequests = (token: string) => {
  const event = casesRequest(token);
  let count = 0;
  return {
    next: (): APIGatewayRequestAuthorizerEvent => {
      event.requestContext.requestId = `bench-${++count}`;
      return event;
    },
    count: () => count,
  };
};

interface Tokens {
  valid: string;
  unknown: string;
  /** Key hash of the use events the diagnostic PutItems write (no token's: they must not mix with the authorizer's). */
  diagnosticKeyHash: string;
}

const scenarios = (authorize: Authorizer, tokens: Tokens) => {
  const { client, tableName } = db();
  const getItem = new GetCommand({
    TableName: tableName,
    Key: keys.key(hashToken(tokens.valid)),
    ConsistentRead: true,
  });
  const valid = freshRequests(tokens.valid);
  const badChecksum = casesRequest(withBadChecksum(tokens.valid));
  const unknown = casesRequest(tokens.unknown);
  const denied = expectPolicy('Deny', 'token_invalid');
  const format = config().tokens;
  const check = { format, findKey: (keyHash: string) => findKey(db(), keyHash) };
  let diagnosticPuts = 0;
  // The authorizer's write: one use event, with a new request id each time.
  const putUseEvent = () =>
    recordUse(db(), {
      keyHash: tokens.diagnosticKeyHash,
      at: new Date(),
      requestId: `bench-diagnostic-${++diagnosticPuts}`,
      ip: '127.0.0.1',
      route: 'GET /v1/{module}',
      requirement: REQUIREMENT,
    });
  const none = (): void => undefined;
  const named: Record<ScenarioName, Scenario> = {
    baseline: scenario('bare GetItem (baseline)', { GetItem: 1 }, () => client.send(getItem), expectKeyItem),
    valid: scenario(
      'authorizer, valid token (records use) → Allow',
      { GetItem: 1, PutItem: 1 },
      () => authorize(valid.next()),
      expectPolicy('Allow'),
      true,
    ),
    check: scenario(
      'token check without recording (verifyToken + findKey)',
      { GetItem: 1 },
      () => verifyToken(check, tokens.valid, REQUIREMENT, new Date()),
      expectValid,
    ),
    badChecksum: scenario('authorizer, bad checksum → Deny', {}, () => authorize(badChecksum), denied),
    unknown: scenario('authorizer, unknown token → Deny', { GetItem: 1 }, () => authorize(unknown), denied),
    putAlone: scenario('diagnostic: bare PutItem of a use event', { PutItem: 1 }, putUseEvent, none),
    getAndPut: scenario(
      'diagnostic: bare GetItem ‖ bare PutItem, in parallel',
      { GetItem: 1, PutItem: 1 },
      () => Promise.all([client.send(getItem), putUseEvent()]),
      ([answer]) => expectKeyItem(answer),
      true,
    ),
  };
  return { named, validCalls: valid.count };
};

const sameCounts = (a: Record<string, number>, b: Record<string, number>): boolean => {
  const names = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...names].every((name) => (a[name] ?? 0) === (b[name] ?? 0));
};

/** Each scenario makes exactly the DynamoDB calls it should (and, where it should, makes them concurrently). */
const checkDbCalls = async (entries: readonly Scenario[]): Promise<void> => {
  for (const entry of entries) {
    const { calls } = await recordDbCalls(db().client, entry.timeOnce);
    const seen = callsByOperation(calls);
    if (!sameCounts(seen, entry.dbCalls) || calls.some((call) => call.failed)) {
      throw new Error(
        `${entry.label}: expected ${describeCalls(entry.dbCalls)}, saw ${describeCalls(seen)}` +
          `${calls.some((call) => call.failed) ? ' (some failed)' : ''}`,
      );
    }
    const [first, second] = calls;
    if (entry.concurrent && !(first && second && overlapped(first, second))) {
      throw new Error(`${entry.label}: the calls went out one after the other, not in parallel`);
    }
  }
};

const countItems = async (target: Db, pk: string): Promise<number> => {
  let count = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await target.client.send(
      new QueryCommand({
        TableName: target.tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        Select: 'COUNT',
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    count += page.Count ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return count;
};

/** The authorizer recorded every valid use (its write errors are only logged) and never an unknown token's. */
const checkRecordedUses = async (tokens: Tokens, validCalls: number): Promise<string[]> => {
  const pk = (token: string) => `${keys.useEventPrefix}${hashToken(token)}`;
  const recorded = await countItems(db(), pk(tokens.valid));
  const unknown = await countItems(db(), pk(tokens.unknown));
  if (recorded !== validCalls) throw new Error(`${validCalls} valid calls recorded ${recorded} use events`);
  if (unknown !== 0) throw new Error(`the unknown token left ${unknown} use events`);
  return [
    `every valid-token call recorded its use (${recorded.toLocaleString('en-US')} use events in the table)`,
    'the unknown token wrote nothing (0 use events in the table)',
  ];
};

const measureLatency = async (dynamo: DynamoDbLocal): Promise<LatencyRun> => {
  const tableName = `bench-${randomUUID()}`;
  const admin = localClient(dynamo.endpoint);
  await ensureTable(admin, tableName);
  admin.destroy();
  configureEnvironment(dynamo.endpoint, tableName);
  // Imported only now: lib/config reads process.env once, on first use.
  const { handler } = await import('../functions/authorize');
  const valid = await createBenchToken(dynamo.endpoint, tableName);
  const tokens: Tokens = {
    valid,
    unknown: generateToken(config().tokens),
    diagnosticKeyHash: hashToken(generateToken(config().tokens)),
  };

  const { named, validCalls } = scenarios(handler, tokens);
  const entries = Object.values(named);
  // The first use of a key waits for the read; from then on this container writes alongside it.
  await named.valid.timeOnce();
  await checkDbCalls(entries);
  await measureInterleaved(entries, WARMUP_ITERATIONS);
  const samples = await measureInterleaved(entries, MEASURED_ITERATIONS);
  const checks = await checkRecordedUses(tokens, validCalls());
  db().client.destroy();
  const result = (entry: Scenario): LatencyResult => ({
    label: entry.label,
    dbCalls: describeCalls(entry.dbCalls) + (entry.concurrent ? ' (in parallel)' : ''),
    summary: summarize(samples.get(entry) ?? []),
  });
  const results = Object.fromEntries(
    Object.entries(named).map(([name, entry]) => [name, result(entry)]),
  ) as LatencyResults;
  return { results, checks };
};

const kilobytes = (bytes: number): number => bytes / 1024;
const ratio = (a: Summary, b: Summary, pick: (summary: Summary) => number = (s) => s.median): number =>
  pick(a) / pick(b);

const latencyTable = (results: LatencyResults): string[] => [
  '| Measurement | DB calls | Median | p95 | Mean | Median ÷ bare GetItem |',
  '| --- | --- | ---: | ---: | ---: | ---: |',
  ...Object.values(results).map(
    ({ label, dbCalls, summary }) =>
      `| ${label} | ${dbCalls} | ${formatMicros(summary.median)} | ${formatMicros(summary.p95)} | ` +
      `${formatMicros(summary.mean)} | ${ratio(summary, results.baseline.summary).toFixed(3)}x |`,
  ),
];

const formatMillis = (micros: number): string => `${(micros / 1000).toFixed(1)} ms`;

const writesOf = (calls: readonly DbCall[]): number => calls.reduce((sum, call) => sum + call.itemsWritten, 0);

/** e.g. `10 TransactWriteItems (50 items), 10 UpdateItem (10 items), 2 BatchGetItem` */
const commandBreakdown = (calls: readonly DbCall[]): string => {
  const byOperation = new Map<string, { calls: number; items: number; failed: number }>();
  for (const call of calls) {
    const entry = byOperation.get(call.operation) ?? { calls: 0, items: 0, failed: 0 };
    entry.calls += 1;
    entry.items += call.itemsWritten;
    entry.failed += call.failed ? 1 : 0;
    byOperation.set(call.operation, entry);
  }
  return [...byOperation]
    .map(
      ([operation, { calls: n, items, failed }]) =>
        `${n} ${operation}` + (items > 0 ? ` (${items} items)` : '') + (failed > 0 ? `, ${failed} refused` : ''),
    )
    .join(', ');
};

const range = (values: readonly number[], format: (n: number) => string): string => {
  const min = Math.min(...values);
  const max = Math.max(...values);
  return min === max ? format(min) : `${format(min)}–${format(max)}`;
};

const aggregationTable = (aggregation: AggregationResult): string[] => {
  const times = aggregation.runs.map((run) => run.micros);
  const writes = aggregation.runs.map((run) => writesOf(run.calls));
  const median = summarize(times).median;
  const breakdowns = [...new Set(aggregation.runs.map((run) => commandBreakdown(run.calls)))];
  return [
    '| Measurement | Value |',
    '| --- | ---: |',
    `| Use events in the batch | ${EVENTS.toLocaleString('en-US')} |`,
    `| consumeUseEvents, one call: median of ${RUNS} (min–max) | ${formatMillis(median)} (${range(times, formatMillis)}) |`,
    `| of which at least one DynamoDB command in flight, median | ${formatMillis(
      summarize(aggregation.runs.map((run) => inFlightMicros(run.calls))).median,
    )} |`,
    `| Item writes per batch | ${range(writes, String)} |`,
    `| Events per item write (write amplification) | ${range(
      writes.map((n) => EVENTS / n),
      (n) => n.toFixed(1),
    )} |`,
    `| DynamoDB commands per batch | ${breakdowns.join('; ')} |`,
  ];
};

const bundleTable = (bundles: readonly BundleSize[]): string[] => [
  '| Lambda | Bundle size |',
  '| --- | ---: |',
  ...bundles.map(({ name, bytes }) => `| ${name} | ${kilobytes(bytes).toFixed(1)} KB |`),
];

const assetTable = (assets: readonly AssetSize[]): string[] => [
  '| File | Size | gzip -9 |',
  '| --- | ---: | ---: |',
  ...assets.map(
    ({ name, bytes, gzipBytes }) =>
      `| ${name} | ${kilobytes(bytes).toFixed(1)} KB | ${kilobytes(gzipBytes).toFixed(1)} KB |`,
  ),
];

const largestParts = (bundle: BundleSize): string =>
  bundle.byPackage
    .slice(0, 5)
    .map(([name, bytes]) => `${name} ${kilobytes(bytes).toFixed(0)} KB`)
    .join(', ');

const goal = (met: boolean, text: string): string => `- ${met ? 'met' : 'NOT met'}: ${text}`;

const ratios = (a: Summary, b: Summary): string =>
  `median ${ratio(a, b).toFixed(3)}x (p95 ${ratio(a, b, (s) => s.p95).toFixed(3)}x, mean ${ratio(a, b, (s) => s.mean).toFixed(3)}x)`;

const goalLines = (
  results: LatencyResults,
  aggregation: AggregationResult,
  bundles: readonly BundleSize[],
): string[] => {
  const baseline = results.baseline.summary;
  const badChecksum = results.badChecksum.summary;
  const authorizer = bundles.find((bundle) => bundle.name === 'authorize');
  if (authorizer === undefined) throw new Error('functions/authorize.ts was not bundled');
  const authorizerKb = kilobytes(authorizer.bytes);
  const maxWrites = Math.max(...aggregation.runs.map((run) => writesOf(run.calls)));
  const aggregationMedian = summarize(aggregation.runs.map((run) => run.micros)).median;
  const recordingRatio = ratio(results.valid.summary, baseline);
  const parallelRatio = ratio(results.getAndPut.summary, baseline);
  return [
    goal(
      ratio(results.check.summary, baseline) <= GOAL_MAX_CHECK_RATIO,
      `token check without recording / bare GetItem, ${ratios(results.check.summary, baseline)}; ` +
        `goal ≤ ${GOAL_MAX_CHECK_RATIO}x`,
    ),
    goal(
      recordingRatio <= GOAL_MAX_RECORDING_RATIO,
      `authorizer with usage recording / bare GetItem, ${ratios(results.valid.summary, baseline)}; ` +
        `goal ≤ ${GOAL_MAX_RECORDING_RATIO}x. For comparison, a bare GetItem and a bare PutItem in parallel ` +
        `take ${parallelRatio.toFixed(3)}x a GetItem alone on this DynamoDB Local (${availableParallelism()} CPUs), ` +
        `and a bare PutItem alone ${ratio(results.putAlone.summary, baseline).toFixed(3)}x`,
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
    goal(
      maxWrites <= GOAL_MAX_AGGREGATION_WRITES,
      `aggregator, ${maxWrites} item writes for a batch of ${EVENTS.toLocaleString('en-US')} use events ` +
        `(the most in any of ${RUNS} runs); goal ≤ ${GOAL_MAX_AGGREGATION_WRITES}`,
    ),
    goal(
      aggregationMedian < GOAL_MAX_AGGREGATION_MICROS,
      `aggregator, the batch consumed in ${formatMillis(aggregationMedian)} (median of ${RUNS}); ` +
        `goal < ${formatMillis(GOAL_MAX_AGGREGATION_MICROS)}`,
    ),
  ];
};

const report = (
  latency: LatencyRun,
  aggregation: AggregationResult,
  bundles: readonly BundleSize[],
  assets: readonly AssetSize[],
): string =>
  [
    '### Authorizer latency',
    '',
    `DynamoDB Local in memory on loopback; Node ${process.version}, ${availableParallelism()} CPUs; ` +
      `${MEASURED_ITERATIONS} interleaved iterations per row after ${WARMUP_ITERATIONS} warm-up. ` +
      'The valid-token key was used once before, so the authorizer writes the use event alongside the read; ' +
      'the diagnostic rows show what DynamoDB Local charges for such a write.',
    '',
    ...latencyTable(latency.results),
    '',
    ...latency.checks.map((line) => `- Checked: ${line}.`),
    '',
    '### Usage aggregator',
    '',
    `${TOKENS} fresh tokens, ${EVENTS / TOKENS} uses each from ${ADDRESSES} addresses over the last ${SPAN_HOURS} hours, ` +
      'written with recordUse and read back from the table stream (TRIM_HORIZON) as Lambda records; ' +
      `one consumeUseEvents call on the whole batch, timed, ${RUNS} runs on fresh tokens. ` +
      'Item writes are counted by an SDK middleware on the consumer client: PutItem, UpdateItem and DeleteItem 1, ' +
      'TransactWriteItems its Put/Update/Delete members, BatchWriteItem its requests.',
    '',
    ...aggregationTable(aggregation),
    '',
    `- Checked: ${aggregation.verified}.`,
    '',
    '### Lambda bundle sizes',
    '',
    'esbuild as in serverless.yml: bundle, minify, platform node, target node20, nothing external; 1 KB = 1024 bytes.',
    '',
    ...bundleTable(bundles),
    '',
    '### Settings page',
    '',
    'The static files of `npm run build:web` (esbuild, minified, Preact included; source maps not counted).',
    '',
    ...assetTable(assets),
    '',
    '### Goals',
    '',
    ...goalLines(latency.results, aggregation, bundles),
  ].join('\n');

const main = async (): Promise<void> => {
  const [bundles, assets] = await Promise.all([bundleSizes(), webAssetSizes()]);
  const dynamo = await startDynamoDbLocal(await freePort());
  const stopOnSignal = (signal: NodeJS.Signals): void =>
    void dynamo.stop().finally(() => process.exit(128 + constants.signals[signal]));
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  try {
    const latency = await measureLatency(dynamo);
    const aggregation = await measureAggregation(dynamo.endpoint, config().tokens);
    console.log(report(latency, aggregation, bundles, assets));
  } finally {
    await dynamo.stop();
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
