import { randomUUID } from 'node:crypto';
import { DAY_MS, HOUR_MS } from '../../lib/time';
import { createToken } from '../../lib/tokens/service';
import { aggregate } from '../../lib/usage/aggregate';
import { markLastUsed, saveAggregation } from '../../lib/usage/store';
import { emptyState, type UseEvent } from '../../lib/usage/types';
import { settings } from '../support/db';
import { valueOf } from '../support/outcome';
import { serviceDb } from '../support/seed-tokens';

/** A never-expiring token of `userId` in the running service, created `ageMs` ago: history the clock cannot wait for. */
export const seedOldToken = async (userId: string, name: string, ageMs: number) =>
  valueOf(
    await createToken(
      serviceDb(),
      settings,
      userId,
      { name, scopes: ['*:read'], expiresAt: null },
      new Date(Date.now() - ageMs),
    ),
  );

const SPIKE_REQUESTS = 130;

/**
 * A token used from one address hourly two days ago, then hit `SPIKE_REQUESTS` times within a fraction of a
 * second two minutes ago from a new address: its usage, folded by the service's own aggregator and saved as
 * the usage consumer saves it, carries a new-address alert and a spike alert.
 */
export const seedSpikedToken = async (userId: string, name: string) => {
  const db = serviceDb();
  const token = await seedOldToken(userId, name, 3 * DAY_MS);
  const now = Date.now();
  const history = Array.from({ length: 25 }, (_, i) => now - 48 * HOUR_MS + i * HOUR_MS);
  const around = now - 2 * 60_000;
  // All of the burst inside one UTC hour, or it would not count as a spike of that hour.
  const burstStart = Math.min(around, Math.floor(around / HOUR_MS) * HOUR_MS + HOUR_MS - 1_000);
  const burst = Array.from({ length: SPIKE_REQUESTS }, (_, i) => burstStart + i);
  let seq = 1_000;
  const event = (at: number, ip: string): UseEvent => ({
    seq: String(seq++),
    keyHash: randomUUID(),
    at,
    ip,
    route: 'GET /v1/{module}',
    requirement: { module: 'cases', access: 'read' },
  });
  const aggregation = aggregate(
    emptyState(),
    { userId, tokenId: token.id, scopes: token.scopes, expiresAt: null, revokedAt: null },
    [...history.map((at) => event(at, '10.0.0.1')), ...burst.map((at) => event(at, '203.0.113.7'))],
  );
  if (!(await saveAggregation(db, token.id, 0, aggregation))) throw new Error('the usage summary already existed');
  await markLastUsed(db, userId, token.id, new Date(burst.at(-1) ?? now));
  return { ...token, alerts: aggregation.state.alerts };
};

/**
 * A token used from one address at each of `uses` (epoch milliseconds), folded by the service's own aggregator
 * and saved as the usage consumer saves it: an hour-by-hour history the test knows.
 */
export const seedUsedToken = async (userId: string, name: string, uses: readonly number[]) => {
  const token = await seedOldToken(userId, name, 3 * DAY_MS);
  const events = uses.map((at, i): UseEvent => ({
    seq: String(2_000 + i),
    keyHash: randomUUID(),
    at,
    ip: '10.0.0.2',
    route: 'GET /v1/{module}',
    requirement: { module: 'cases', access: 'read' },
  }));
  const key = { userId, tokenId: token.id, scopes: token.scopes, expiresAt: null, revokedAt: null };
  if (!(await saveAggregation(serviceDb(), token.id, 0, aggregate(emptyState(), key, events))))
    throw new Error('the usage summary already existed');
  await markLastUsed(serviceDb(), userId, token.id, new Date(Math.max(...uses)));
  return token;
};
