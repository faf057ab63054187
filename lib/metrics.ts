import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logger, SERVICE_NAME } from './log';

/** The service's own CloudWatch metrics; the namespace comes from POWERTOOLS_METRICS_NAMESPACE (serverless.yml). */
export type MetricName =
  | 'AuthorizerDecisions'
  | 'UseEventWriteFailures'
  | 'UsageEventsAggregated'
  | 'UsageConsumerFailures'
  | 'LeakedTokensReported'
  | 'LeakedTokensRevoked';

/** One emitter per set of dimensions, made on first use. */
const emitters = new Map<string, Metrics>();

const emitterFor = (dimensions: Record<string, string>): Metrics => {
  const key = JSON.stringify(dimensions);
  let emitter = emitters.get(key);
  if (emitter === undefined) {
    // Single-metric emitters print at once: concurrent invocations in one process (serverless-offline)
    // never share a buffer, and no handler has to remember to flush one.
    emitter = new Metrics({ serviceName: SERVICE_NAME, singleMetric: true, defaultDimensions: dimensions, logger });
    emitters.set(key, emitter);
  }
  return emitter;
};

/** Emits a count now, as one CloudWatch EMF line on stdout, with the service and `dimensions` as its dimensions. */
export const countMetric = (name: MetricName, value: number, dimensions: Record<string, string> = {}): void => {
  emitterFor(dimensions).addMetric(name, MetricUnit.Count, value);
};
