import { summarize, type Summary } from './stats';

/** Runs `call` once and answers what it answered and how long it took, in microseconds. */
export const timed = async <T>(call: () => Promise<T>): Promise<{ answer: T; micros: number }> => {
  const start = process.hrtime.bigint();
  const answer = await call();
  return { answer, micros: Number(process.hrtime.bigint() - start) / 1000 };
};

/** One thing to measure: a call, timed alone, and a check of its answer, done outside the timing. */
export interface Scenario {
  label: string;
  /** DynamoDB calls one call must make, per operation (e.g. `{ GetItem: 1 }`); checked before timing. */
  dbCalls: Record<string, number>;
  /** The calls must be in flight at the same time, not one after the other. */
  concurrent: boolean;
  /** Times one call, checks its answer and returns the elapsed time in microseconds. */
  timeOnce: () => Promise<number>;
}

export const scenario = <T>(
  label: string,
  dbCalls: Record<string, number>,
  call: () => Promise<T>,
  check: (answer: T) => void,
  concurrent = false,
): Scenario => ({
  label,
  dbCalls,
  concurrent,
  timeOnce: async () => {
    const { answer, micros } = await timed(call);
    check(answer);
    return micros;
  },
});

/**
 * Runs every scenario once per iteration, in an order rotated each iteration, so that drift in
 * DynamoDB Local (JIT, GC) and in this process lands on all of them alike.
 */
export const measureInterleaved = async (
  scenarios: readonly Scenario[],
  iterations: number,
): Promise<Map<Scenario, number[]>> => {
  const samples = new Map(scenarios.map((entry) => [entry, [] as number[]]));
  for (let iteration = 0; iteration < iterations; iteration++) {
    for (let offset = 0; offset < scenarios.length; offset++) {
      const entry = scenarios[(iteration + offset) % scenarios.length];
      if (entry === undefined) continue;
      samples.get(entry)?.push(await entry.timeOnce());
    }
  }
  return samples;
};

/** One scenario's timings, summarised: a row of a section's table. */
export interface TimedRow {
  label: string;
  summary: Summary;
}

/** Warms the scenarios up, then times them interleaved: one summarised row per scenario, in their order. */
export const measureRows = async (
  scenarios: readonly Scenario[],
  warmup: number,
  iterations: number,
): Promise<TimedRow[]> => {
  await measureInterleaved(scenarios, warmup);
  const samples = await measureInterleaved(scenarios, iterations);
  return scenarios.map((entry) => ({ label: entry.label, summary: summarize(samples.get(entry) ?? []) }));
};
