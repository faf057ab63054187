import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseRoutePolicy } from '../lib/routes/policy';
import { routeNeed } from '../lib/routes/requirement';
import type { BundleSize } from './bundle-sizes';
import { largeRoutePolicy } from './route-policy';
import { median } from './stats';

const RUNS = 5;
const POLICY_PARSES = 200;
const ROUTE_RESOLUTIONS = 100_000;
const MODULES = ['applicants', 'cases', 'invoices'];

export interface ColdStart {
  name: string;
  /** Median over fresh Node processes of the time to load the bundle (what Lambda's init phase runs), ms. */
  loadMs: number;
}

export interface ColdStarts {
  functions: ColdStart[];
  /** A 200-route policy parsed and indexed: the first time in this process, then the median, ms. */
  policyParse: { firstMs: number; medianMs: number; routes: number };
  /** What the authorizer pays per request to learn what `GET /v1/{module}` needs under that policy, µs. */
  resolveMicros: number;
}

// Runs in a fresh process, so nothing is cached but what the machine's disk cache holds.
const LOAD =
  'const t=process.hrtime.bigint();require(process.argv[1]);console.log(Number(process.hrtime.bigint()-t)/1e6)';

const run = promisify(execFile);

const loadMs = async (file: string): Promise<number> => {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const { stdout } = await run(process.execPath, ['-e', LOAD, file], { env: { PATH: process.env.PATH } });
    samples.push(Number(stdout.trim()));
  }
  return median(samples);
};

const timeMs = (task: () => void): number => {
  const start = process.hrtime.bigint();
  task();
  return Number(process.hrtime.bigint() - start) / 1e6;
};

/** Each Lambda's module load in fresh processes, and the cost of parsing a large route policy. */
export const measureColdStarts = async (bundles: readonly BundleSize[]): Promise<ColdStarts> => {
  const dir = await mkdtemp(join(tmpdir(), 'bench-cold-'));
  try {
    const functions: ColdStart[] = [];
    for (const bundle of bundles) {
      const file = join(dir, `${bundle.name}.js`);
      await writeFile(file, bundle.code);
      functions.push({ name: bundle.name, loadMs: await loadMs(file) });
    }
    const policy = largeRoutePolicy();
    const routes = Object.keys(policy.routes ?? {}).length + (policy.open?.length ?? 0);
    const firstMs = timeMs(() => parseRoutePolicy(policy, MODULES));
    const rest = Array.from({ length: POLICY_PARSES }, () => timeMs(() => parseRoutePolicy(policy, MODULES)));
    const parsed = parseRoutePolicy(policy, MODULES);
    const request = { method: 'GET', route: '/v1/{module}', pathParameters: { module: 'cases' } };
    const resolveMs = timeMs(() => {
      for (let i = 0; i < ROUTE_RESOLUTIONS; i++) routeNeed(parsed, request);
    });
    return {
      functions,
      policyParse: { firstMs, medianMs: median(rest), routes },
      resolveMicros: (resolveMs * 1000) / ROUTE_RESOLUTIONS,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};
