import { randomUUID } from 'node:crypto';
import type { CreatedToken } from '../lib/contract';
import type { Db } from '../lib/storage/dynamodb';
import { keys } from '../lib/storage/keys';
import { hashToken } from '../lib/tokens/format';
import { consumeUseEvents, type StreamChange } from '../lib/usage/consume';
import { getUsage } from '../lib/usage/service';
import { freshDeps } from './deps';
import { formatMillis } from './format';
import { median } from './stats';
import { timed } from './timing';
import { createBenchToken } from './tokens';

// How the usage aggregator's time grows with its batch: events × tokens, and, for one established
// token, the share of events from addresses it has never seen (a leaked token's pattern). The
// batches are built as the stream would deliver them (toChange's shape) rather than written and read
// back, so that 10,000-event batches take seconds to prepare; the consumer's reads and writes go to
// DynamoDB Local as in production. Timed: one consumeUseEvents call, median of RUNS.

const RUNS = 3;
const HOUR_MS = 3_600_000;
export const SHAPES = [100, 1_000, 10_000].flatMap((events) => [1, 10, 100].map((tokens) => ({ events, tokens })));
export const NEW_ADDRESS_SHARES = [0, 0.5, 1];
export const NEW_ADDRESS_EVENTS = [1_000, 10_000];
/** The goal of issue 11: 10,000 events from 10,000 new addresses for one established token. */
export const GOAL_ALL_NEW_10K_MICROS = 1_000_000;

export interface ScalingRow {
  label: string;
  events: number;
  micros: number;
  /** Deliveries again of a failed tail (DynamoDB Local timing out under load), over all runs of the row. */
  redeliveries: number;
}

let seq = 10n ** 20n;

const useChange = (keyHash: string, at: number, ip: string): StreamChange => {
  seq += 1n;
  const key = keys.useEvent(keyHash, new Date(at), randomUUID());
  const newImage = { ...key, keyHash, at, ip, route: 'GET /v1/{module}', need: 'cases:read' };
  return { seq: String(seq), eventName: 'INSERT', pk: key.PK, newImage, byTtl: false };
};

let redeliveries = 0;

/** Consumes a batch; records it reports as failed are delivered again from the first, as Lambda would (and counted). */
const consume = async (db: Db, changes: StreamChange[]): Promise<number> => {
  let pending = changes;
  let total = 0;
  for (let attempt = 0; attempt < 5; attempt++) {
    const { answer, micros } = await timed(() => consumeUseEvents(db, pending));
    total += micros;
    if (answer.length === 0) return total;
    redeliveries += 1;
    const first = answer.reduce((min, seq) => (BigInt(seq) < BigInt(min) ? seq : min));
    pending = pending.slice(pending.findIndex((change) => change.seq === first));
  }
  throw new Error('consumeUseEvents kept failing records after 5 deliveries');
};

const newTokens = async (
  deps: Awaited<ReturnType<typeof freshDeps>>,
  n: number,
): Promise<{ userId: string; token: CreatedToken }[]> => {
  const prefix = `bench-scaling-${randomUUID()}`;
  const tokens: { userId: string; token: CreatedToken }[] = [];
  // More than 10 tokens need more than one user: the limit of active tokens holds here too.
  for (let i = 0; i < n; i++) {
    const userId = `${prefix}-${Math.floor(i / 10)}`;
    tokens.push({ userId, token: await createBenchToken(deps.db, deps.config.tokens, userId, `t${i}`) });
  }
  return tokens;
};

/** `events` uses spread evenly over `tokens`, each token from 5 known addresses, over the last hour. */
const byTokens = async (deps: Awaited<ReturnType<typeof freshDeps>>, events: number, tokens: number) => {
  const micros: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const hashes = (await newTokens(deps, tokens)).map(({ token }) => hashToken(token.token));
    const now = Date.now();
    const changes = Array.from({ length: events }, (_, i) =>
      useChange(hashes[i % tokens] as string, now - HOUR_MS + i, `127.0.0.${1 + (i % 5)}`),
    );
    micros.push(await consume(deps.db, changes));
  }
  return median(micros);
};

/** One token with two days of history from one address, then `events` uses, `share` of them each from a new address. */
const withNewAddresses = async (deps: Awaited<ReturnType<typeof freshDeps>>, events: number, share: number) => {
  const micros: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const [created] = await newTokens(deps, 1);
    if (created === undefined) throw new Error('no token');
    const { userId, token } = created;
    const hash = hashToken(token.token);
    const now = Date.now();
    await consume(
      deps.db,
      Array.from({ length: 48 }, (_, i) => useChange(hash, now - 48 * HOUR_MS + i * HOUR_MS, '127.0.0.1')),
    );
    const newEvery = share === 0 ? Infinity : Math.round(1 / share);
    const changes = Array.from({ length: events }, (_, i) =>
      useChange(
        hash,
        now - HOUR_MS + i,
        i % newEvery === 0 ? `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` : '127.0.0.1',
      ),
    );
    micros.push(await consume(deps.db, changes));
    if (run === 0 && share === 1) {
      const usage = await getUsage(deps.db, userId, token.id, new Date());
      const alerts = usage.ok ? usage.value.alerts.filter((alert) => alert.kind === 'new_ip') : [];
      if (alerts.length !== 1 || alerts[0]?.details.addresses !== events) {
        throw new Error(`expected one new_ip alert counting ${events} addresses, got ${JSON.stringify(alerts)}`);
      }
    }
  }
  return median(micros);
};

export const measureAggregationScaling = async (endpoint: string): Promise<ScalingRow[]> => {
  const deps = await freshDeps(endpoint, 'bench-scaling');
  const rows: ScalingRow[] = [];
  try {
    // Untimed: the first batch in a process pays for compiling the consumer's code paths.
    await byTokens(deps, 1_000, 10);
    for (const { events, tokens } of SHAPES) {
      const label = `${events.toLocaleString('en-US')} events, ${tokens} token${tokens === 1 ? '' : 's'}`;
      redeliveries = 0;
      rows.push({ label, events, micros: await byTokens(deps, events, tokens), redeliveries });
    }
    for (const events of NEW_ADDRESS_EVENTS) {
      for (const share of NEW_ADDRESS_SHARES) {
        const label = `${events.toLocaleString('en-US')} events, 1 established token, ${share * 100}% from new addresses`;
        redeliveries = 0;
        rows.push({ label, events, micros: await withNewAddresses(deps, events, share), redeliveries });
      }
    }
  } finally {
    deps.db.client.destroy();
  }
  return rows;
};

export const scalingTable = (rows: readonly ScalingRow[]): string[] => [
  `| Batch | consumeUseEvents, median of ${RUNS} | per 1,000 events | failed tails delivered again |`,
  '| --- | ---: | ---: | ---: |',
  ...rows.map(
    ({ label, events, micros, redeliveries: again }) =>
      `| ${label} | ${formatMillis(micros)} | ${formatMillis((micros * 1000) / events)} | ${again} |`,
  ),
];
