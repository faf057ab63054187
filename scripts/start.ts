import { spawn } from 'node:child_process';
import { ensureTable } from '../lib/storage/table';
import local from '../infra/local.json';
import { ensureDevSessionKey } from './dev-session';
import { localClient, startDynamoDbLocal } from './dynamodb-local';

// `npm start`: DynamoDB Local, the table, the development session key, then serverless-offline.
const env = {
  ...process.env,
  PORT: process.env.PORT ?? '3000',
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

  const offline = spawn(
    process.execPath,
    [require.resolve('serverless/bin/serverless.js'), 'offline', 'start', '--stage', 'local'],
    {
      env,
      stdio: 'inherit',
    },
  );
  const shutdown = (): void => {
    offline.kill('SIGTERM');
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  offline.on('exit', (code) => {
    void dynamo.stop().then(() => process.exit(code ?? 0));
  });
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
