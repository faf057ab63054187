import { availableParallelism } from 'node:os';
import { EVENTS, medianMicros, RUNS, runWrites, type AggregationResult } from './aggregation';
import { GOAL_ALL_NEW_10K_MICROS, type ScalingRow } from './aggregation-scaling';
import type { LatencyResults } from './authorizer-latency';
import type { BundleSize } from './bundle-sizes';
import { formatMicros, formatMillis, kilobytes } from './format';
import { ratio, type Summary } from './stats';

const GOAL_MAX_CHECK_RATIO = 1.15;
const GOAL_MAX_RECORDING_RATIO = 1.25;
const GOAL_MAX_BAD_CHECKSUM_MICROS = 50;
const GOAL_MAX_AUTHORIZER_KB = 600;
const GOAL_MAX_CREATE_TOKEN_KB = 600;
const GOAL_MAX_AGGREGATION_WRITES = 70;
const GOAL_MAX_AGGREGATION_MICROS = 1_000_000;

const largestParts = (bundle: BundleSize): string =>
  bundle.byPackage
    .slice(0, 5)
    .map(([name, bytes]) => `${name} ${kilobytes(bytes).toFixed(0)} KB`)
    .join(', ');

const goal = (met: boolean, text: string): string => `- ${met ? 'met' : 'NOT met'}: ${text}`;

const ratios = (a: Summary, b: Summary): string =>
  `median ${ratio(a, b).toFixed(3)}x (p95 ${ratio(a, b, (s) => s.p95).toFixed(3)}x, mean ${ratio(a, b, (s) => s.mean).toFixed(3)}x)`;

/** One line per goal: met or not, and the figures that decide it. */
export const goalLines = (
  results: LatencyResults,
  aggregation: AggregationResult,
  bundles: readonly BundleSize[],
): string[] => {
  const baseline = results.baseline.summary;
  const badChecksum = results.badChecksum.summary;
  const authorizer = bundles.find((bundle) => bundle.name === 'authorize');
  if (authorizer === undefined) throw new Error('functions/authorize.ts was not bundled');
  const authorizerKb = kilobytes(authorizer.bytes);
  const createTokenKb = kilobytes(bundles.find((bundle) => bundle.name === 'createToken')?.bytes ?? Number.NaN);
  const maxWrites = Math.max(...runWrites(aggregation));
  const aggregationMedian = medianMicros(aggregation);
  const recordingRatio = ratio(results.valid.summary, baseline);
  const parallelRatio = ratio(results.getAndPut.summary, baseline);
  return [
    goal(
      ratio(results.check.summary, baseline) <= GOAL_MAX_CHECK_RATIO,
      `token check without recording / bare GetItem, ${ratios(results.check.summary, baseline)}; ` +
        `goal ≤ ${GOAL_MAX_CHECK_RATIO}x`,
    ),
    goal(
      recordingRatio <= GOAL_MAX_RECORDING_RATIO,
      `authorizer with usage recording / bare GetItem, ${ratios(results.valid.summary, baseline)}; ` +
        `goal ≤ ${GOAL_MAX_RECORDING_RATIO}x; ${ratio(results.valid.summary, results.raw.summary).toFixed(2)}x ` +
        `the raw-HTTP GetItem (the floor, ${ratio(results.raw.summary, baseline).toFixed(3)}x). For comparison, ` +
        `the hot path's GetItem ‖ PutItem take ${parallelRatio.toFixed(3)}x an SDK GetItem alone on this DynamoDB ` +
        `Local (${availableParallelism()} CPUs), the SDK's pair ${ratio(results.sdkGetAndPut.summary, baseline).toFixed(3)}x`,
    ),
    goal(
      badChecksum.median < GOAL_MAX_BAD_CHECKSUM_MICROS,
      `bad-checksum refusal, median ${formatMicros(badChecksum.median)} (p95 ${formatMicros(badChecksum.p95)}), ` +
        `no DB call; goal < ${GOAL_MAX_BAD_CHECKSUM_MICROS} µs`,
    ),
    goal(
      authorizerKb < GOAL_MAX_AUTHORIZER_KB,
      `authorizer bundle ${authorizerKb.toFixed(1)} KB; goal < ${GOAL_MAX_AUTHORIZER_KB} KB ` +
        `(largest parts: ${largestParts(authorizer)})`,
    ),
    goal(
      createTokenKb < GOAL_MAX_CREATE_TOKEN_KB,
      `createToken bundle ${createTokenKb.toFixed(1)} KB; goal < ${GOAL_MAX_CREATE_TOKEN_KB} KB`,
    ),
    goal(
      maxWrites <= GOAL_MAX_AGGREGATION_WRITES,
      `aggregator, ${maxWrites} item writes for a batch of ${EVENTS.toLocaleString('en-US')} use events ` +
        `(the most in any of ${RUNS} runs); goal ≤ ${GOAL_MAX_AGGREGATION_WRITES}`,
    ),
    goal(
      aggregationMedian < GOAL_MAX_AGGREGATION_MICROS,
      `aggregator, the batch consumed in ${formatMillis(aggregationMedian)} (median of ${RUNS}); ` +
        `goal < ${formatMillis(GOAL_MAX_AGGREGATION_MICROS)}`,
    ),
  ];
};

/** The time per 1,000 events may grow by at most this factor from no new addresses to all new. */
const GOAL_MAX_NEW_ADDRESS_FACTOR = 1.5;

/** The aggregator's scaling goals: 10,000 events from new addresses within a second, and new addresses costing little extra. */
export const scalingGoalLines = (rows: readonly ScalingRow[]): string[] =>
  [1_000, 10_000].map((events) => {
    const share = (percent: number) =>
      rows.find((row) => row.events === events && row.label.endsWith(`${percent}% from new addresses`));
    const [none, all] = [share(0), share(100)];
    if (none === undefined || all === undefined) throw new Error(`no new-address rows for ${events} events`);
    const factor = all.micros / none.micros;
    const withinTime = events !== 10_000 || all.micros < GOAL_ALL_NEW_10K_MICROS;
    return goal(
      withinTime && factor <= GOAL_MAX_NEW_ADDRESS_FACTOR,
      `aggregator, ${events.toLocaleString('en-US')} events of one established token all from new addresses in ` +
        `${formatMillis(all.micros)}, ${factor.toFixed(2)}x the time with none new; goal ≤ ${GOAL_MAX_NEW_ADDRESS_FACTOR}x` +
        (events === 10_000 ? ` and < ${formatMillis(GOAL_ALL_NEW_10K_MICROS)}` : ''),
    );
  });
