import { DescribeTableCommand, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { setTimeout as sleep } from 'node:timers/promises';
import { localClient } from './dynamodb-local';
import { ensureTable } from './table';

export interface TableKeeper {
  /** Resolves once the watch has ended. */
  stop: () => Promise<void>;
}

export interface TableKeeperOptions {
  endpoint: string;
  tableName: string;
  intervalMs?: number;
  log?: (msg: string) => void;
}

/**
 * Watches DynamoDB Local and creates the table again whenever it answers without it: an in-memory
 * DynamoDB Local that restarted comes back empty. While it does not answer, the watch waits.
 *
 * @example
 * const keeper = keepTable({ endpoint: 'http://127.0.0.1:8000', tableName: 'api-tokens-local' });
 */
export const keepTable = ({
  endpoint,
  tableName,
  intervalMs = 1_000,
  log = console.log,
}: TableKeeperOptions): TableKeeper => {
  const client = localClient(endpoint);
  const aborter = new AbortController();
  const { signal } = aborter;

  const check = async (): Promise<void> => {
    try {
      await client.send(new DescribeTableCommand({ TableName: tableName }), { abortSignal: signal });
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) return;
      log(`DynamoDB Local answers without table ${tableName}: creating it again`);
      await ensureTable(client, tableName);
      log(`Table ${tableName} created again`);
    }
  };

  const run = async (): Promise<void> => {
    while (!signal.aborted) {
      await check().catch((error: unknown) => {
        if (!signal.aborted) log(`Creating table ${tableName} again failed: ${String(error)}`);
      });
      await sleep(intervalMs, undefined, { signal }).catch(() => undefined);
    }
  };

  const running = run();
  return {
    stop: async () => {
      aborter.abort();
      await running;
      client.destroy();
    },
  };
};
