import type { APIGatewayProxyEvent } from 'aws-lambda';
import { reportLeaksHandler } from '../functions/reportLeaks';
import type { Deps } from '../lib/runtime';
import { generateToken } from '../lib/tokens/format';
import { createToken } from '../lib/tokens/service';
import { freshDeps } from './deps';
import { ratioRows } from './format';
import { measureRows, scenario, type TimedRow } from './timing';

const ITERATIONS = 200;
const WARMUP = 20;

const reportEvent = (token: string): APIGatewayProxyEvent =>
  ({
    resource: '/leaks',
    path: '/leaks',
    httpMethod: 'POST',
    headers: {},
    body: JSON.stringify({ tokens: [token] }),
    isBase64Encoded: false,
    requestContext: { identity: { sourceIp: '198.51.100.1' } },
  }) as unknown as APIGatewayProxyEvent;

/**
 * POST /leaks through its handler on DynamoDB Local, one token a report, for each kind of token: how far
 * apart their answer times are is what timing reveals to a reporter.
 */
export const measureLeakReports = async (endpoint: string): Promise<TimedRow[]> => {
  const made = await freshDeps(endpoint, 'bench-leaks');
  // No rate limit here: the bench sends thousands of reports from one address.
  const deps: Deps = {
    ...made,
    config: { ...made.config, leaks: { ...made.config.leaks, reportRate: { max: 1e9, windowSeconds: 60 } } },
  };
  const handler = reportLeaksHandler(() => deps);
  const format = deps.config.tokens;
  let users = 0;
  const issue = async (): Promise<string> => {
    const created = await createToken(
      deps.db,
      format,
      `bench-${++users}`,
      { name: 'b', scopes: ['cases:read'], expiresAt: null },
      new Date(),
    );
    if (!created.ok) throw new Error(`create refused: ${created.reason}`);
    return created.value.token;
  };
  const revoked = await issue();
  await handler(reportEvent(revoked));
  const fresh: string[] = [];
  for (let i = 0; i < ITERATIONS + WARMUP; i++) fresh.push(await issue());

  const accepted = (answer: { statusCode: number; body: string }) => {
    if (answer.statusCode !== 202 || answer.body !== '{"received":1}') throw new Error(`answered ${answer.statusCode}`);
  };
  const kinds: [string, () => string][] = [
    ['malformed (no read)', () => 'mp_test_not-a-token'],
    ['well formed, never issued (1 read)', () => generateToken(format)],
    ['already revoked (1 read)', () => revoked],
    ['valid: revoked now (2 reads, 1 transaction)', () => fresh.pop() ?? ''],
  ];
  const scenarios = kinds.map(([label, token]) => scenario(label, {}, () => handler(reportEvent(token())), accepted));
  return measureRows(scenarios, WARMUP, ITERATIONS);
};

/** The report's section: each kind's answer time, and its ratio to a never-issued token's. */
export const leakReportSection = (rows: readonly TimedRow[]): string[] => {
  const unknown = rows[1]?.summary;
  return [
    '### Leak reports: what the answer time tells',
    '',
    `POST /leaks through its handler on DynamoDB Local, one token a report, ${ITERATIONS} interleaved iterations ` +
      `after ${WARMUP} warm-up; every answer is 202 {"received":1}.`,
    '',
    '| Token reported | Median | p95 | Median ÷ never issued |',
    '| --- | ---: | ---: | ---: |',
    ...ratioRows(rows, unknown),
  ];
};
