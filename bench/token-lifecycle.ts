import { listAudit } from '../lib/audit/service';
import { createToken, listTokens, revokeToken, updateToken } from '../lib/tokens/service';
import { freshDeps } from './deps';
import { ratioRows } from './format';
import { measureRows, scenario, type TimedRow } from './timing';

const ITERATIONS = 200;
const WARMUP = 20;

const ok = <T>(outcome: { ok: boolean; value?: T }): void => {
  if (!outcome.ok) throw new Error('refused');
};

/**
 * The lifecycle's management calls through their services on DynamoDB Local, interleaved: a create (now with
 * its name claim and audit entry in the transaction), a disable or enable (token, key and audit entry), a
 * page of history, the revoked listing; GET /tokens' first page is the yardstick.
 */
export const measureTokenLifecycle = async (endpoint: string): Promise<TimedRow[]> => {
  const { config, db } = await freshDeps(endpoint, 'bench-lifecycle');
  const settings = config.tokens;
  const userId = 'bench-lifecycle';
  const source = { actor: userId, ip: '198.51.100.2', retentionDays: config.audit.retentionDays };
  const input = (name: string) => ({ name, scopes: ['cases:read'], expiresAt: null });
  const toggled = await createToken(db, settings, userId, input('toggled'), new Date(), source);
  if (!toggled.ok) throw new Error(`create refused: ${toggled.reason}`);
  for (let i = 0; i < 5; i++) {
    const made = await createToken(db, settings, userId, input(`revoked ${i}`), new Date(), source);
    if (made.ok) await revokeToken(db, settings, userId, made.value.id, new Date(), source);
  }
  let creates = 0;
  let disabled = false;
  // A user of its own per create: neither the limit of 10 nor the create rate is reached.
  const creating = { ...settings, createRate: { ...settings.createRate, max: 1e9 } };
  const scenarios = [
    scenario(
      'GET /tokens, first page (yardstick)',
      {},
      () => listTokens(db, userId, new Date()),
      () => undefined,
    ),
    scenario(
      'POST /tokens: create with name claim and audit entry',
      {},
      () => createToken(db, creating, `bench-${++creates}`, input('Zapier'), new Date(), source),
      ok,
    ),
    scenario(
      'PATCH /tokens/{id}: disable or enable, audited',
      {},
      () =>
        updateToken(db, settings, userId, toggled.value.id, { disabled: (disabled = !disabled) }, new Date(), source),
      ok,
    ),
    scenario(
      'GET /audit, first page of 50',
      {},
      () => listAudit(db, userId),
      () => undefined,
    ),
    scenario(
      'GET /tokens?status=revoked',
      {},
      () => listTokens(db, userId, new Date(), { size: 50, status: 'revoked' }),
      () => undefined,
    ),
  ];
  return measureRows(scenarios, WARMUP, ITERATIONS);
};

/** The report's section: each call's time, and its ratio to GET /tokens' first page. */
export const tokenLifecycleSection = (rows: readonly TimedRow[]): string[] => [
  '### Token lifecycle calls',
  '',
  `The services on DynamoDB Local, ${ITERATIONS} interleaved iterations after ${WARMUP} warm-up.`,
  '',
  '| Call | Median | p95 | Median ÷ GET /tokens |',
  '| --- | ---: | ---: | ---: |',
  ...ratioRows(rows),
];
