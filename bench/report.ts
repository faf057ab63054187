import { leakReportSection } from './leak-reports';
import { availableParallelism } from 'node:os';
import {
  ADDRESSES,
  EVENTS,
  medianMicros,
  RUNS,
  runMicros,
  runWrites,
  SPAN_HOURS,
  TOKENS,
  type AggregationResult,
} from './aggregation';
import { MEASURED_ITERATIONS, WARMUP_ITERATIONS, type LatencyResults, type LatencyRun } from './authorizer-latency';
import type { BundleSize } from './bundle-sizes';
import type { ColdStarts } from './cold-start';
import { firstInvokeTable, type FirstInvoke } from './first-invoke';
import { commandBreakdown, inFlightMicros } from './db-calls';
import { formatMicros, formatMillis, kilobytes, range } from './format';
import { scalingTable, type ScalingRow } from './aggregation-scaling';
import { goalLines, scalingGoalLines } from './goals';
import { median, ratio } from './stats';
import type { AssetSize } from './web-assets';
import { tokenListSection, type TokenListRow } from './token-list';
import { tokenLifecycleSection } from './token-lifecycle';
import { tokenRollSection } from './token-roll';
import type { TimedRow } from './timing';

export interface Measurements {
  latency: LatencyRun;
  aggregation: AggregationResult;
  scaling: readonly ScalingRow[];
  bundles: readonly BundleSize[];
  coldStarts: ColdStarts;
  firstInvokes: readonly FirstInvoke[];
  assets: readonly AssetSize[];
  tokenList: readonly TokenListRow[];
  leaks: readonly TimedRow[];
  lifecycle: readonly TimedRow[];
  tokenRoll: readonly TimedRow[];
}

const latencyTable = (results: LatencyResults): string[] => [
  '| Measurement | DB calls | Median | p95 | Mean | Median ÷ bare GetItem |',
  '| --- | --- | ---: | ---: | ---: | ---: |',
  ...Object.values(results).map(
    ({ label, dbCalls, summary }) =>
      `| ${label} | ${dbCalls} | ${formatMicros(summary.median)} | ${formatMicros(summary.p95)} | ` +
      `${formatMicros(summary.mean)} | ${ratio(summary, results.baseline.summary).toFixed(3)}x |`,
  ),
];

const aggregationTable = (aggregation: AggregationResult): string[] => {
  const writes = runWrites(aggregation);
  const breakdowns = [...new Set(aggregation.runs.map((run) => commandBreakdown(run.calls)))];
  return [
    '| Measurement | Value |',
    '| --- | ---: |',
    `| Use events in the batch | ${EVENTS.toLocaleString('en-US')} |`,
    `| consumeUseEvents, one call: median of ${RUNS} (min–max) | ${formatMillis(medianMicros(aggregation))} ` +
      `(${range(runMicros(aggregation), formatMillis)}) |`,
    `| of which at least one DynamoDB command in flight, median | ${formatMillis(
      median(aggregation.runs.map((run) => inFlightMicros(run.calls))),
    )} |`,
    `| Item writes per batch | ${range(writes, String)} |`,
    `| Events per item write (write amplification) | ${range(
      writes.map((n) => EVENTS / n),
      (n) => n.toFixed(1),
    )} |`,
    `| DynamoDB commands per batch | ${breakdowns.join('; ')} |`,
    `| UTC days the uses fall on (a day bucket per token each) | ${range(
      aggregation.runs.map((run) => run.days),
      String,
    )} |`,
  ];
};

const bundleTable = (bundles: readonly BundleSize[], { functions }: ColdStarts): string[] => [
  '| Lambda | Bundle size | Module load (cold start) |',
  '| --- | ---: | ---: |',
  ...bundles.map(({ name, bytes }) => {
    const load = functions.find((fn) => fn.name === name)?.loadMs ?? Number.NaN;
    return `| ${name} | ${kilobytes(bytes).toFixed(1)} KB | ${load.toFixed(1)} ms |`;
  }),
];

const assetTable = (assets: readonly AssetSize[]): string[] => [
  '| File | Size | gzip -9 |',
  '| --- | ---: | ---: |',
  ...assets.map(
    ({ name, bytes, gzipBytes }) =>
      `| ${name} | ${kilobytes(bytes).toFixed(1)} KB | ${kilobytes(gzipBytes).toFixed(1)} KB |`,
  ),
];

/** The benchmark's Markdown report: one section per measurement, then the goals. */
export const report = ({
  latency,
  aggregation,
  scaling,
  bundles,
  coldStarts,
  firstInvokes,
  assets,
  tokenList,
  leaks,
  lifecycle,
  tokenRoll,
}: Measurements): string =>
  [
    '### Authorizer latency',
    '',
    `DynamoDB Local in memory on loopback; Node ${process.version}, ${availableParallelism()} CPUs; ` +
      `${MEASURED_ITERATIONS} interleaved iterations per row after ${WARMUP_ITERATIONS} warm-up. ` +
      'The valid-token key was used once before, so the authorizer writes the use event alongside the read; ' +
      'both go through the hot path (lib/storage/hot-path.ts), not the SDK. The raw-HTTP row is the floor: ' +
      'the same GetItem with no client at all; the diagnostic rows show what a write adds, through each client.',
    '',
    ...latencyTable(latency.results),
    '',
    ...latency.checks.map((line) => `- Checked: ${line}.`),
    '',
    '### Usage aggregator',
    '',
    `${TOKENS} fresh tokens, ${EVENTS / TOKENS} uses each from ${ADDRESSES} addresses over the last ${SPAN_HOURS} hours, ` +
      'written with recordUse and read back from the table stream (TRIM_HORIZON) as Lambda records; ' +
      `one consumeUseEvents call on the whole batch, timed, ${RUNS} runs on fresh tokens. ` +
      'Item writes are counted by an SDK middleware on the consumer client: PutItem, UpdateItem and DeleteItem 1, ' +
      'TransactWriteItems its Put/Update/Delete members, BatchWriteItem its requests.',
    '',
    ...aggregationTable(aggregation),
    '',
    `- Checked: ${aggregation.verified}.`,
    '',
    '### Usage aggregator: how it scales',
    '',
    'Batches built in the stream record shape (not written and read back), consumed by one consumeUseEvents call ' +
      'against DynamoDB Local; the new-address rows use one token with 48 hours of history from one address, ' +
      'and check that one new_ip alert counts every new address.',
    '',
    ...scalingTable(scaling),
    '',
    ...tokenListSection(tokenList),
    '',
    '### Lambda bundles and cold starts',
    '',
    'esbuild as in serverless.yml: bundle, minify, platform node, target node20, nothing external; 1 KB = 1024 bytes. ' +
      'Module load: the time to `require` the bundle in a fresh Node process (what Lambda runs in its init phase), ' +
      'median of 5 processes.',
    '',
    ...bundleTable(bundles, coldStarts),
    '',
    `- Route policy of ${coldStarts.policyParse.routes} routes, parsed, validated and indexed: ` +
      `${coldStarts.policyParse.firstMs.toFixed(2)} ms the first time in a process, ` +
      `${(coldStarts.policyParse.medianMs * 1000).toFixed(0)} µs after that (median). The authorizer does this once per container, on its first request.`,
    `- Resolving what \`GET /v1/{module}\` needs under that policy: ${coldStarts.resolveMicros.toFixed(2)} µs a request ` +
      `(mean of 100,000), ${((coldStarts.resolveMicros / latency.results.baseline.summary.median) * 100).toFixed(2)}% ` +
      'of a bare GetItem.',
    '',
    ...firstInvokeTable(firstInvokes),
    '',
    '### Settings page',
    '',
    'The static files of `npm run build:web` (esbuild, minified, Preact included; source maps not counted).',
    '',
    ...assetTable(assets),
    '',
    ...leakReportSection(leaks),
    '',
    ...tokenLifecycleSection(lifecycle),
    ...tokenRollSection(tokenRoll),
    '',
    '### Goals',
    '',
    ...goalLines(latency.results, aggregation, bundles),
    ...scalingGoalLines(scaling),
  ].join('\n');
