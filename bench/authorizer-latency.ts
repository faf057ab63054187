import { GetCommand, PutCommand, QueryCommand, type GetCommandOutput } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayAuthorizerResult } from 'aws-lambda';
import { authorizerHandler } from '../functions/authorize';
import type { Deps } from '../lib/runtime';
import type { Db } from '../lib/storage/dynamodb';
import { keys } from '../lib/storage/keys';
import { generateToken, hashToken } from '../lib/tokens/format';
import { findKey } from '../lib/tokens/store';
import { verifyToken, type Verdict } from '../lib/tokens/verify';
import { recordUse, useEventItem } from '../lib/usage/store';
import { describeCalls, expectDbCalls } from './db-calls';
import { freshDeps } from './deps';
import { CASES_READ, casesRequest, casesUse, freshRequests } from './events';
import { summarize, type Summary } from './stats';
import { measureInterleaved, scenario, type Scenario } from './timing';
import { aws4fetchGetItem, rawGetItem } from './raw-http';
import { createBenchToken } from './tokens';

// The authorizer and the token check against a bare strongly consistent GetItem of the same item
// through the SDK, interleaved, next to the same GetItem sent raw (the floor) and through the clients
// measured for the hot path, with diagnostic rows of what a write adds.

export const WARMUP_ITERATIONS = 1000;
export const MEASURED_ITERATIONS = 2000;

type ScenarioName =
  | 'baseline'
  | 'raw'
  | 'hotGet'
  | 'aws4fetch'
  | 'valid'
  | 'unrecorded'
  | 'check'
  | 'badChecksum'
  | 'unknown'
  | 'putAlone'
  | 'getAndPut'
  | 'sdkGetAndPut';

export interface LatencyResult {
  label: string;
  dbCalls: string;
  summary: Summary;
}

export type LatencyResults = Record<ScenarioName, LatencyResult>;

export interface LatencyRun {
  results: LatencyResults;
  /** Findings of the checks after the timed runs. */
  checks: string[];
}

interface Tokens {
  valid: string;
  unknown: string;
  /** Key hash of the use events the diagnostic PutItems write (no token's: they must not mix with the authorizer's). */
  diagnosticKeyHash: string;
}

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

const expectText = (answer: string): void => {
  if (!answer.includes('"Item"')) throw new Error(`the token key item is missing: ${answer}`);
};

/** The same handler over a table whose use-event writes are skipped: what writing after the response would leave. */
const withoutWrites = (deps: Deps): Deps => ({
  ...deps,
  db: {
    ...deps.db,
    hotPath: {
      getItem: (input) => deps.db.hotPath.getItem(input),
      putItem: async () => undefined,
      destroy: () => undefined,
    },
  },
});

const scenarios = (deps: Deps, tokens: Tokens, raw: ReturnType<typeof rawGetItem>, endpoint: string) => {
  const { config, db } = deps;
  const authorize = authorizerHandler(() => deps);
  const authorizeUnrecorded = authorizerHandler(() => withoutWrites(deps));
  const keyHash = hashToken(tokens.valid);
  const aws4fetchGet = aws4fetchGetItem(endpoint, db, keyHash);
  const getItem = new GetCommand({ TableName: db.tableName, Key: keys.key(keyHash), ConsistentRead: true });
  const hotGet = () => db.hotPath.getItem({ TableName: db.tableName, Key: keys.key(keyHash), ConsistentRead: true });
  const valid = freshRequests(tokens.valid);
  // Its own request ids: these calls write nothing, and must not count as recorded uses.
  const validUnrecorded = freshRequests(tokens.valid);
  const badChecksum = casesRequest(withBadChecksum(tokens.valid));
  const unknown = casesRequest(tokens.unknown);
  const denied = expectPolicy('Deny', 'token_invalid');
  const check = { format: config.tokens, findKey: (keyHash: string) => findKey(db, keyHash) };
  let diagnosticPuts = 0;
  // The authorizer's write: one use event, with a new request id each time.
  const diagnosticUse = () =>
    casesUse(tokens.diagnosticKeyHash, new Date(), `bench-diagnostic-${++diagnosticPuts}`, '127.0.0.1');
  const putUseEvent = () => recordUse(db, diagnosticUse());
  const sdkPutUseEvent = () =>
    db.client.send(new PutCommand({ TableName: db.tableName, Item: useEventItem(diagnosticUse()) }));
  const expectItem = (item: unknown): void => {
    if (item === undefined) throw new Error('the token key item is missing');
  };
  const none = (): void => undefined;
  const named: Record<ScenarioName, Scenario> = {
    baseline: scenario(
      'bare GetItem through the SDK (baseline)',
      { GetItem: 1 },
      () => db.client.send(getItem),
      expectKeyItem,
    ),
    raw: scenario('raw-HTTP GetItem: built once, not signed, no client (the floor)', {}, raw.send, expectText),
    hotGet: scenario('hot-path GetItem (aws4 signing, node:http keep-alive)', { GetItem: 1 }, hotGet, expectItem),
    aws4fetch: scenario('candidate not taken: aws4fetch GetItem (WebCrypto, fetch)', {}, aws4fetchGet, expectText),
    valid: scenario(
      'authorizer, valid token (records use) → Allow',
      { GetItem: 1, PutItem: 1 },
      () => authorize(valid.next()),
      expectPolicy('Allow'),
      true,
    ),
    unrecorded: scenario(
      'authorizer, valid token, use-event write skipped → Allow',
      { GetItem: 1 },
      () => authorizeUnrecorded(validUnrecorded.next()),
      expectPolicy('Allow'),
    ),
    check: scenario(
      'token check without recording (verifyToken + findKey)',
      { GetItem: 1 },
      () => verifyToken(check, tokens.valid, CASES_READ, new Date()),
      expectValid,
    ),
    badChecksum: scenario('authorizer, bad checksum → Deny', {}, () => authorize(badChecksum), denied),
    unknown: scenario('authorizer, unknown token → Deny', { GetItem: 1 }, () => authorize(unknown), denied),
    putAlone: scenario('diagnostic: hot-path PutItem of a use event', { PutItem: 1 }, putUseEvent, none),
    getAndPut: scenario(
      'diagnostic: hot-path GetItem ‖ PutItem, in parallel',
      { GetItem: 1, PutItem: 1 },
      () => Promise.all([hotGet(), putUseEvent()]),
      ([item]) => expectItem(item),
      true,
    ),
    sdkGetAndPut: scenario(
      'diagnostic: SDK GetItem ‖ SDK PutItem, in parallel (the write path before)',
      { GetItem: 1, PutItem: 1 },
      () => Promise.all([db.client.send(getItem), sdkPutUseEvent()]),
      ([answer]) => expectKeyItem(answer),
      true,
    ),
  };
  return { named, validCalls: valid.count };
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
const checkRecordedUses = async (db: Db, tokens: Tokens, validCalls: number): Promise<string[]> => {
  const pk = (token: string) => `${keys.useEventPrefix}${hashToken(token)}`;
  const recorded = await countItems(db, pk(tokens.valid));
  const unknown = await countItems(db, pk(tokens.unknown));
  if (recorded !== validCalls) throw new Error(`${validCalls} valid calls recorded ${recorded} use events`);
  if (unknown !== 0) throw new Error(`the unknown token left ${unknown} use events`);
  return [
    `every valid-token call recorded its use (${recorded.toLocaleString('en-US')} use events in the table)`,
    'the unknown token wrote nothing (0 use events in the table)',
  ];
};

export const measureAuthorizerLatency = async (endpoint: string): Promise<LatencyRun> => {
  const deps = await freshDeps(endpoint, 'bench');
  const { config, db } = deps;
  const { token: valid } = await createBenchToken(db, config.tokens, 'bench-user', 'bench');
  const tokens: Tokens = {
    valid,
    unknown: generateToken(config.tokens),
    diagnosticKeyHash: hashToken(generateToken(config.tokens)),
  };

  const raw = rawGetItem(endpoint, db, hashToken(valid));
  const { named, validCalls } = scenarios(deps, tokens, raw, endpoint);
  const entries = Object.values(named);
  // The first use of a key waits for the read; from then on this container writes alongside it.
  await named.valid.timeOnce();
  await expectDbCalls(db.client, entries, db.hotPath);
  await measureInterleaved(entries, WARMUP_ITERATIONS);
  const samples = await measureInterleaved(entries, MEASURED_ITERATIONS);
  const checks = await checkRecordedUses(db, tokens, validCalls());
  db.client.destroy();
  db.hotPath.destroy();
  raw.destroy();
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
