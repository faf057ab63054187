import { randomUUID } from 'node:crypto';
import { ensureTable } from '../../local/table';
import { createDb, type Db } from '../../lib/storage/dynamodb';
import { localClient } from '../../local/dynamodb-local';
import { tokenSettings } from './config';

/** A table of its own on the DynamoDB Local that the global setup started, for one test file. */
export const freshTable = async (): Promise<Db> => {
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  if (!endpoint) throw new Error('DYNAMODB_ENDPOINT is not set: the jest global setup starts DynamoDB Local');
  const tableName = `test-${randomUUID()}`;
  const client = localClient(endpoint);
  await ensureTable(client, tableName);
  client.destroy();
  return createDb({ tableName, endpoint });
};

/** The default token settings, for tests that call the domain directly. */
export const settings = tokenSettings();
