import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { ensureTable } from './table';
import local from '../infra/local.json';
import { ensureDevSessionKey } from './dev-session';
import { httpStatus } from './http-status';
import { localClient, startDynamoDbLocal } from './dynamodb-local';
import { invokeLocalFunction, startStreamPoller, type StreamPoller } from './stream/event-source-mapping';
import { buildWeb, WEB_OUT_DIR } from './web-build';
import { startWebServer } from './web-server';

// `npm start`: DynamoDB Local, the table, the development session key, the settings page and its
// web server on PORT, serverless-offline behind it, and once that answers, the table's stream consumer
// (serverless-offline does not poll streams).
const env = {
  ...process.env,
  PORT: process.env.PORT ?? '3000',
  OFFLINE_PORT: process.env.OFFLINE_PORT ?? '3003',
  LAMBDA_PORT: process.env.LAMBDA_PORT ?? '3002',
  DYNAMODB_PORT: process.env.DYNAMODB_PORT ?? '8000',
  // serverless names functions <service>-<stage>-<function>; the offline auth provider invokes the authorizer by that name.
  OFFLINE_FUNCTION_PREFIX: 'api-tokens-local-',
};

const main = async (): Promise<void> => {
  await ensureDevSessionKey();
  const dynamo = await startDynamoDbLocal(Number(env.DYNAMODB_PORT));
  const client = localClient(dynamo.endpoint);
  await ensureTable(client, local.tableName);
  client.destroy();
  console.log(`DynamoDB Local on ${dynamo.endpoint}, table ${local.tableName}`);
  await buildWeb();
  const web = await startWebServer({
    host: process.env.HOST ?? '127.0.0.1',
    port: Number(env.PORT),
    apiPort: Number(env.OFFLINE_PORT),
    webDir: WEB_OUT_DIR,
  });
  console.log(`Settings page on http://localhost:${env.PORT}/`);

  const offline = spawn(
    process.execPath,
    [require.resolve('serverless/bin/serverless.js'), 'offline', 'start', '--stage', 'local'],
    {
      env,
      stdio: 'inherit',
    },
  );
  let poller: StreamPoller | undefined;
  const shutdown = (): void => {
    void poller?.stop();
    web.close();
    offline.kill('SIGTERM');
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  offline.on('exit', (code) => {
    void Promise.resolve(poller?.stop())
      .then(() => dynamo.stop())
      .then(() => process.exit(code ?? 0));
  });

  // The stream consumer runs the deployed handler through serverless-offline's Lambda API.
  while (offline.exitCode === null && !offline.killed) {
    if ((await httpStatus(`http://127.0.0.1:${env.OFFLINE_PORT}/health`)) === 200) {
      poller = startStreamPoller({
        endpoint: dynamo.endpoint,
        tableName: local.tableName,
        deliver: (event) => invokeLocalFunction(env.LAMBDA_PORT, `${env.OFFLINE_FUNCTION_PREFIX}aggregateUsage`, event),
        // As serverless.yml's event source mapping has them.
        batchSize: 1000,
        maxRetries: 5,
      });
      break;
    }
    await sleep(250);
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
