import { setTimeout as sleep } from 'node:timers/promises';
import local from '../infra/local.json';
import { ensureDevSessionKey } from './dev-session';
import { localClient, runningDynamoDb, startDynamoDbLocal } from './dynamodb-local';
import { httpStatus } from './http-status';
import { invokeLocalFunction } from './lambda-invoke';
import { HOST_EXAMPLE_DIR, startOffline, TOKEN_SERVICE_DIR } from './offline';
import { localPorts, portEnv } from './ports';
import { localFunctionName, streamEventSettings } from './service-definition';
import { startEventSourceMapping, type EventSourceMapping } from './stream/event-source-mapping';
import { startSchedule, type Schedule } from './scheduler';
import { ensureTable } from './table';
import { keepTable } from './table-keeper';
import { buildWeb, WEB_OUT_DIR } from './web-build';
import { startWebServer } from './web-server';

// `npm start`: DynamoDB Local, the table, the development session key, the settings page and its
// web server, serverless-offline behind it, and once that answers, the table's stream consumer
// (serverless-offline does not poll streams). The table is created again whenever DynamoDB Local
// comes back without it. DYNAMODB_DATA_DIR keeps the database in a folder rather than in memory;
// DYNAMODB_EXTERNAL=true uses a DynamoDB Local already running on DYNAMODB_PORT. Beside it,
// examples/host-api's serverless-offline: another service's routes behind the token service's authorizer, which its provider invokes on our Lambda API.
const STREAM_CONSUMER = 'aggregateUsage';
// Local only: the deployed function has 60 s, and a busy two-core machine can take as long to start it.
const STREAM_INVOKE_TIMEOUT_MS = 60_000;
// The expiry emitter runs hourly when deployed; locally every minute, so that its logged events show soon.
const EXPIRY_EMITTER = 'emitExpiryEvents';
const EXPIRY_EVERY_MS = 60_000;

const ports = localPorts();

const main = async (): Promise<void> => {
  await ensureDevSessionKey();
  const external = process.env.DYNAMODB_EXTERNAL === 'true';
  const dataDir = external ? undefined : process.env.DYNAMODB_DATA_DIR || undefined;
  const dynamo = external
    ? await runningDynamoDb(ports.dynamodb)
    : await startDynamoDbLocal(ports.dynamodb, { dataDir });
  const client = localClient(dynamo.endpoint);
  await ensureTable(client, local.tableName);
  client.destroy();
  const keeper = keepTable({ endpoint: dynamo.endpoint, tableName: local.tableName });
  console.log(
    `DynamoDB Local on ${dynamo.endpoint}${dataDir ? ` (data in ${dataDir})` : ''}, table ${local.tableName}`,
  );
  await buildWeb();
  const web = await startWebServer({
    host: process.env.HOST ?? '127.0.0.1',
    port: ports.web,
    apiPort: ports.offline,
    webDir: WEB_OUT_DIR,
  });
  console.log(`Settings page on http://localhost:${ports.web}/`);

  const env = { ...process.env, ...portEnv(ports) };
  const offline = startOffline(TOKEN_SERVICE_DIR, env);
  const example = startOffline(HOST_EXAMPLE_DIR, env);
  console.log(`Example host API (examples/host-api) on http://localhost:${ports.example}/`);
  let mapping: EventSourceMapping | undefined;
  let expiry: Schedule | undefined;
  const shutdown = (): void => {
    void mapping?.stop();
    void expiry?.stop();
    web.close();
    example.kill('SIGTERM');
    offline.kill('SIGTERM');
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  example.on('exit', (code) => {
    if (!offline.killed) console.error(`examples/host-api's serverless-offline exited (${code})`);
  });
  offline.on('exit', (code) => {
    example.kill('SIGTERM');
    void Promise.all([mapping?.stop(), expiry?.stop(), keeper.stop()])
      .then(() => dynamo.stop())
      .then(() => process.exit(code ?? 0));
  });

  // The stream consumer runs the deployed handler through serverless-offline's Lambda API.
  while (offline.exitCode === null && !offline.killed) {
    if ((await httpStatus(`http://127.0.0.1:${ports.offline}/health`)) === 200) {
      mapping = startEventSourceMapping({
        endpoint: dynamo.endpoint,
        tableName: local.tableName,
        settings: streamEventSettings(STREAM_CONSUMER),
        deliver: (event) =>
          invokeLocalFunction(localFunctionName(STREAM_CONSUMER), event, {
            port: ports.lambda,
            timeoutMs: STREAM_INVOKE_TIMEOUT_MS,
          }),
      });
      expiry = startSchedule(
        (event) =>
          invokeLocalFunction(localFunctionName(EXPIRY_EMITTER), event, {
            port: ports.lambda,
            timeoutMs: STREAM_INVOKE_TIMEOUT_MS,
          }),
        EXPIRY_EVERY_MS,
      );
      break;
    }
    await sleep(250);
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
