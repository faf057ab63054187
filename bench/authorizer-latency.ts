import { GetCommand, QueryCommand, type GetCommandOutput } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayAuthorizerResult } from 'aws-lambda';
import { authorizerHandler } from '../functions/authorize';
import type { Deps } from '../lib/runtime';
import type { Db } from '../lib/storage/dynamodb';
import { keys } from '../lib/storage/keys';
import { generateToken, hashToken } from '../lib/tokens/format';
import { findKey } from '../lib/tokens/store';
import { verifyToken, type Verdict } from '../lib/tokens/verify';
import { recordUse } from '../lib/usage/store';
import { describeCalls, expectDbCalls } from './db-calls';
import { freshDeps } from './deps';
import { CASES_READ, casesRequest, casesUse, freshRequests } from './events';
import { summarize, type Summary } from './stats';
import { measureInterleaved, scenario, type Scenario } from './timing';
import { createBenchToken } from './tokens';

// The authorizer and the token check against a bare strongly consistent GetItem of the same item
// through the same client, interleaved, with diagnostic rows of what DynamoDB Local charges for a write.

export const WARMUP_ITERATIONS = 1000;
export const MEASURED_ITERATIONS = 2000;

type ScenarioName = 'baseline' | 'valid' | 'check' | 'badChecksum' | 'unknown' | 'putAlone' | 'getAndPut';

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

const scenarios = (deps: Deps, tokens: Tokens) => {
  const { config, db } = deps;
  const authorize = authorizerHandler(() => deps);
  const getItem = new GetCommand({
    TableName: db.tableName,
    Key: keys.key(hashToken(tokens.valid)),
    ConsistentRead: true,
  });
  const valid = freshRequests(tokens.valid);
  const badChecksum = casesRequest(withBadChecksum(tokens.valid));
  const unknown = casesRequest(tokens.unknown);
  const denied = expectPolicy('Deny', 'token_invalid');
  const check = { format: config.tokens, findKey: (keyHash: string) => findKey(db, keyHash) };
  let diagnosticPuts = 0;
  // The authorizer's write: one use event, with a new request id each time.
  const putUseEvent = () =>
    recordUse(db, casesUse(tokens.diagnosticKeyHash, new Date(), `bench-diagnostic-${++diagnosticPuts}`, '127.0.0.1'));
  const none = (): void => undefined;
  const named: Record<ScenarioName, Scenario> = {
    baseline: scenario('bare GetItem (baseline)', { GetItem: 1 }, () => db.client.send(getItem), expectKeyItem),
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
      () => verifyToken(check, tokens.valid, CASES_READ, new Date()),
      expectValid,
    ),
    badChecksum: scenario('authorizer, bad checksum → Deny', {}, () => authorize(badChecksum), denied),
    unknown: scenario('authorizer, unknown token → Deny', { GetItem: 1 }, () => authorize(unknown), denied),
    putAlone: scenario('diagnostic: bare PutItem of a use event', { PutItem: 1 }, putUseEvent, none),
    getAndPut: scenario(
      'diagnostic: bare GetItem ‖ bare PutItem, in parallel',
      { GetItem: 1, PutItem: 1 },
      () => Promise.all([db.client.send(getItem), putUseEvent()]),
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

  const { named, validCalls } = scenarios(deps, tokens);
  const entries = Object.values(named);
  // The first use of a key waits for the read; from then on this container writes alongside it.
  await named.valid.timeOnce();
  await expectDbCalls(db.client, entries);
  await measureInterleaved(entries, WARMUP_ITERATIONS);
  const samples = await measureInterleaved(entries, MEASURED_ITERATIONS);
  const checks = await checkRecordedUses(db, tokens, validCalls());
  db.client.destroy();
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
