import { constants } from 'node:os';
import { measureAggregation } from './aggregation';
import { measureAuthorizerLatency } from './authorizer-latency';
import { bundleSizes } from './bundle-sizes';
import { startDynamoDbLocal } from '../local/dynamodb-local';
import { freePort } from '../local/free-port';
import { report } from './report';
import { webAssetSizes } from './web-assets';

// `npm run bench`: authorizer latency against a bare GetItem on DynamoDB Local, the usage
// aggregator on one realistic stream batch, the Lambdas' bundle sizes and the settings page's files.

const main = async (): Promise<void> => {
  const [bundles, assets] = await Promise.all([bundleSizes(), webAssetSizes()]);
  const dynamo = await startDynamoDbLocal(await freePort());
  const stopOnSignal = (signal: NodeJS.Signals): void =>
    void dynamo.stop().finally(() => process.exit(128 + constants.signals[signal]));
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  try {
    const latency = await measureAuthorizerLatency(dynamo.endpoint);
    const aggregation = await measureAggregation(dynamo.endpoint);
    console.log(report({ latency, aggregation, bundles, assets }));
  } finally {
    await dynamo.stop();
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
