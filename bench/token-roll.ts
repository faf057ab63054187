import { rollToken } from '../lib/tokens/roll';
import { createToken } from '../lib/tokens/service';
import type { Deps } from '../lib/runtime';
import type { Outcome } from '../lib/outcome';
import { freshDeps } from './deps';
import { ratioRows } from './format';
import { measureRows, scenario, type TimedRow } from './timing';

const ITERATIONS = 50;
const WARMUP = 5;
/** The contended case: this many tokens, then as many rolls with a grace and creates at once. */
const CONTENDED = 5;

const BODY = { name: 'b', scopes: ['cases:read'], expiresAt: null };

/**
 * POST /tokens/{id}/roll's service against a create on DynamoDB Local, interleaved: a roll reads the listing and
 * the active set before its transaction (a create does not), and under contention a roll whose read of the
 * active set went stale goes round again.
 */
export const measureTokenRoll = async (endpoint: string): Promise<TimedRow[]> => {
  const made = await freshDeps(endpoint, 'bench-roll');
  // No create rate here: the bench creates and rolls hundreds of tokens per user.
  const deps: Deps = {
    ...made,
    config: { ...made.config, tokens: { ...made.config.tokens, createRate: { max: 1e9, windowSeconds: 3600 } } },
  };
  const { db, config } = deps;
  let users = 0;
  const newUser = () => `bench-roll-${++users}`;
  let tokens = 0;
  // Names are unique among a user's working tokens.
  const create = async (userId: string) => {
    const created = await createToken(db, config.tokens, userId, { ...BODY, name: `roll ${++tokens}` }, new Date());
    if (!created.ok) throw new Error(`create refused: ${created.reason}`);
    return created.value.id;
  };
  const roll = (userId: string, id: string, graceSeconds: number) =>
    rollToken(db, config, { userId, ip: '198.51.100.1' }, id, { graceSeconds }, new Date());
  /** One user per call to come, each with `count` tokens. */
  const prepare = async (count: number) => {
    const prepared: { userId: string; ids: string[] }[] = [];
    for (let i = 0; i < ITERATIONS + WARMUP; i++) {
      const userId = newUser();
      const ids = [];
      for (let t = 0; t < count; t++) ids.push(await create(userId));
      prepared.push({ userId, ids });
    }
    return () => prepared.pop() ?? { userId: '', ids: [] };
  };
  const [noGrace, withGrace, contended] = [await prepare(1), await prepare(1), await prepare(CONTENDED)];
  const done = (outcome: Outcome<unknown, string>) => {
    if (!outcome.ok) throw new Error(`refused: ${outcome.reason}`);
  };
  const rollFirst = (next: typeof noGrace, graceSeconds: number) => () => {
    const { userId, ids } = next();
    return roll(userId, ids[0] ?? '', graceSeconds);
  };
  const scenarios = [
    scenario('create (baseline)', {}, () => createToken(db, config.tokens, newUser(), BODY, new Date()), done),
    scenario('roll, no grace', {}, rollFirst(noGrace, 0), done),
    scenario('roll, 1 h grace', {}, rollFirst(withGrace, 3600), done),
    scenario(
      `${CONTENDED} rolls with a grace + ${CONTENDED} creates at once, on ${CONTENDED} tokens`,
      {},
      () => {
        const { userId, ids } = contended();
        return Promise.all([
          ...ids.map((id) => roll(userId, id, 3600)),
          ...ids.map(() => createToken(db, config.tokens, userId, BODY, new Date())),
        ]);
      },
      (outcomes) => {
        if (outcomes.filter((outcome) => outcome.ok).length !== CONTENDED) throw new Error('limit not held');
      },
      true,
    ),
  ];
  return measureRows(scenarios, WARMUP, ITERATIONS);
};

/** The report's section: each case's time, and its ratio to a create's. */
export const tokenRollSection = (rows: readonly TimedRow[]): string[] => [
  '### Rolling a token',
  '',
  `The roll service (lib/tokens/roll.ts) and the create service on DynamoDB Local, ${ITERATIONS} interleaved ` +
    `iterations after ${WARMUP} warm-up, each on a user of its own. The contended row is one batch of ` +
    `${2 * CONTENDED} calls at once, exactly ${CONTENDED} of which succeed (the limit of 10).`,
  '',
  '| Case | Median | p95 | Median ÷ create |',
  '| --- | ---: | ---: | ---: |',
  ...ratioRows(rows),
];
