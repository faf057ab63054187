import { constants } from 'node:os';
import { measureAggregation } from './aggregation';
import { measureAggregationScaling } from './aggregation-scaling';
import { measureAuthorizerLatency } from './authorizer-latency';
import { logger } from '../lib/log';
import { bundleSizes } from './bundle-sizes';
import { measureColdStarts } from './cold-start';
import { measureFirstInvokes } from './first-invoke';
import { measureLeakReports } from './leak-reports';
import { startDynamoDbLocal } from '../local/dynamodb-local';
import { freePort } from '../local/free-port';
import { report } from './report';
import { measureTokenList } from './token-list';
import { measureTokenLifecycle } from './token-lifecycle';
import { measureTokenRoll } from './token-roll';
import { webAssetSizes } from './web-assets';

// `npm run bench`: authorizer latency against a bare GetItem on DynamoDB Local, the usage
// aggregator on one realistic stream batch, the Lambdas' bundle sizes and the settings page's files.

const main = async (): Promise<void> => {
  // The authorizer logs every refusal to stdout, where this report goes: thousands of lines. The write
  // (a few µs to a pipe, more to a busy disk) is left out of the refusal figures.
  logger.setLogLevel('SILENT');
  // The same for the metrics' EMF lines (lib/metrics.ts), one per decision: read before the first is emitted.
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  const [bundles, assets] = await Promise.all([bundleSizes(), webAssetSizes()]);
  const coldStarts = await measureColdStarts(bundles);
  const dynamo = await startDynamoDbLocal(await freePort());
  const stopOnSignal = (signal: NodeJS.Signals): void =>
    void dynamo.stop().finally(() => process.exit(128 + constants.signals[signal]));
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  try {
    const latency = await measureAuthorizerLatency(dynamo.endpoint);
    const aggregation = await measureAggregation(dynamo.endpoint);
    const scaling = await measureAggregationScaling(dynamo.endpoint);
    const tokenList = await measureTokenList(dynamo.endpoint);
    const firstInvokes = await measureFirstInvokes(dynamo.endpoint, bundles);
    const leaks = await measureLeakReports(dynamo.endpoint);
    const lifecycle = await measureTokenLifecycle(dynamo.endpoint);
    const tokenRoll = await measureTokenRoll(dynamo.endpoint);
    console.log(
      report({
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
      }),
    );
  } finally {
    await dynamo.stop();
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
