import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { ConsumedCapacity } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { listTokensHandler } from '../functions/listTokens';
import local from '../infra/local.json';
import type { Deps } from '../lib/runtime';
import { queryAll } from '../lib/storage/query';
import { keys } from '../lib/storage/keys';
import { toView } from '../lib/tokens/service';
import type { TokenRecord } from '../lib/tokens/types';
import { ensureDevSessionKey, signLocalSession } from '../local/dev-session';
import { importJWK } from 'jose';
import { restProxyEvent } from '../test/support/events';
import { seedExpiredTokens } from '../test/support/seed-tokens';
import { callsByOperation, describeCalls, recordDbCalls } from './db-calls';
import { freshDeps } from './deps';
import { formatMicros } from './format';
import { summarize, type Summary } from './stats';
import { createBenchToken } from './tokens';
import { timed } from './timing';

// GET /tokens, the handler over DynamoDB Local, for a user with 10 working tokens and 0, 100 or 5,000 expired
// ones still kept; and, beside the 5,000, what reading every token (the listing before issue 11) costs.

export const EXPIRED_COUNTS = [0, 100, 5_000] as const;
const WORKING = 10;
const WARMUP = 5;
const ITERATIONS = 30;
const SESSION_KEY_FILE = '.local/bench-session-key.json';

export interface TokenListRow {
  label: string;
  dbCalls: string;
  readUnits: number;
  bytes: number;
  tokens: number;
  summary: Summary;
}

/** Runs `run` with ReturnConsumedCapacity on every command through `deps`' client, answering the read units. */
const readUnits = async (deps: Deps, run: () => Promise<unknown>): Promise<number> => {
  const name = `benchCapacity${randomUUID()}`;
  let units = 0;
  deps.db.client.middlewareStack.add(
    (next) => async (args) => {
      (args.input as { ReturnConsumedCapacity?: string }).ReturnConsumedCapacity = 'TOTAL';
      const answer = await next(args);
      const consumed = (answer.output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] }).ConsumedCapacity;
      for (const entry of [consumed ?? []].flat()) units += entry.CapacityUnits ?? 0;
      return answer;
    },
    { step: 'initialize', name },
  );
  try {
    await run();
  } finally {
    deps.db.client.middlewareStack.remove(name);
  }
  return units;
};

interface Case {
  label: string;
  call: () => Promise<{ bytes: number; tokens: number }>;
}

/** The first page of `GET /tokens` through the handler, as API Gateway would call it for `session`. */
const firstPage = (deps: Deps, session: string): Case['call'] => {
  const handler = listTokensHandler(() => deps);
  const event: APIGatewayProxyEvent = restProxyEvent({
    httpMethod: 'GET',
    headers: { Authorization: `Bearer ${session}` },
  });
  return async () => {
    const result = await handler(event);
    if (result.statusCode !== 200) throw new Error(`GET /tokens answered ${result.statusCode}: ${result.body}`);
    const body = JSON.parse(result.body) as { tokens: unknown[]; active: number };
    if (body.active !== WORKING) throw new Error(`GET /tokens counted ${body.active} working tokens`);
    return { bytes: Buffer.byteLength(result.body), tokens: body.tokens.length };
  };
};

/** Every token of the user in one answer, read with one query of the user's partition (paginated). */
const everyToken =
  (deps: Deps, userId: string): Case['call'] =>
  async () => {
    const now = new Date();
    const records = (await queryAll(deps.db, {
      KeyConditionExpression: 'PK = :user AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':user': keys.user(userId), ':prefix': keys.tokenPrefix },
    })) as unknown as TokenRecord[];
    const body = JSON.stringify({ tokens: records.map((record) => toView(record, now)) });
    return { bytes: Buffer.byteLength(body), tokens: records.length };
  };

/** One user per expired count on one table, each with 10 working tokens; timed interleaved. */
export const measureTokenList = async (endpoint: string): Promise<TokenListRow[]> => {
  const deps = await freshDeps(endpoint, 'bench-list');
  const { privateJwk } = await ensureDevSessionKey(SESSION_KEY_FILE);
  const signingKey = await importJWK(privateJwk, 'ES256');
  const sessionDeps: Deps = {
    ...deps,
    config: {
      ...deps.config,
      session: {
        ...deps.config.session,
        issuer: local.sessionIssuer,
        audience: local.sessionAudience,
        jwksUrl: undefined,
        devKeyFile: SESSION_KEY_FILE,
      },
    },
  };
  const cases: Case[] = [];
  let largestUser = '';
  for (const expired of EXPIRED_COUNTS) {
    const userId = `bench-list-${expired}-${randomUUID()}`;
    await seedExpiredTokens(deps.db, userId, expired);
    for (let i = 0; i < WORKING; i += 1) await createBenchToken(deps.db, deps.config.tokens, userId, `working ${i}`);
    const session = await signLocalSession(signingKey, userId);
    cases.push({
      label: `GET /tokens, first page: ${WORKING} working, ${expired.toLocaleString('en-US')} expired`,
      call: firstPage(sessionDeps, session),
    });
    largestUser = userId;
  }
  const largest = EXPIRED_COUNTS[EXPIRED_COUNTS.length - 1]?.toLocaleString('en-US');
  cases.push({
    label: `Diagnostic: every token in one answer (before issue 11), ${largest} expired`,
    call: everyToken(deps, largestUser),
  });

  const rows: Omit<TokenListRow, 'summary'>[] = [];
  for (const { label, call } of cases) {
    const { result, calls } = await recordDbCalls(deps.db.client, call);
    rows.push({
      label,
      dbCalls: describeCalls(callsByOperation(calls)),
      readUnits: await readUnits(deps, call),
      ...result,
    });
  }
  // The pages interleaved; the diagnostic after them, so that its megabyte of garbage lands on none of theirs.
  const pages = cases.slice(0, EXPIRED_COUNTS.length);
  const samples = cases.map((): number[] => []);
  for (const group of [pages, cases.slice(pages.length)]) {
    for (let i = 0; i < WARMUP + ITERATIONS; i += 1) {
      for (const { call } of group) {
        const { micros } = await timed(call);
        if (i >= WARMUP) samples[cases.findIndex((c) => c.call === call)]?.push(micros);
      }
    }
  }
  return rows.map((row, index) => ({ ...row, summary: summarize(samples[index] ?? []) }));
};

/** The report's section: one row per measurement. */
export const tokenListSection = (rows: readonly TokenListRow[]): string[] => [
  '### GET /tokens',
  '',
  `The listTokens handler over DynamoDB Local (session checked, default page size), for a user with ${WORKING} ` +
    `working tokens and 0, 100 or 5,000 expired ones; ${ITERATIONS} interleaved iterations after ${WARMUP} warm-up ` +
    '(the diagnostic timed after them, alone). ' +
    'Read units: the sum of ConsumedCapacity (ReturnConsumedCapacity TOTAL) of one call, as DynamoDB Local reports it.',
  '',
  '| Measurement | DB calls | Tokens | Response | Read units | Median | p95 |',
  '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map(
    ({ label, dbCalls, tokens, bytes, readUnits: units, summary }) =>
      `| ${label} | ${dbCalls} | ${tokens.toLocaleString('en-US')} | ${(bytes / 1024).toFixed(1)} KB | ` +
      `${units.toFixed(1)} | ${formatMicros(summary.median)} | ${formatMicros(summary.p95)} |`,
  ),
];
