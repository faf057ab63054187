import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface Db {
  client: DynamoDBDocumentClient;
  tableName: string;
}

export interface DbOptions {
  tableName: string;
  endpoint?: string | undefined;
}

/** A document client for the table; against DynamoDB Local it uses fixed credentials so all processes share one database. */
export const createDb = ({ tableName, endpoint }: DbOptions): Db => {
  const local =
    endpoint === undefined
      ? {}
      : { endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
  // Without a request timeout a stalled connection waits forever; with one the SDK retries it
  // (writes are conditional or carry the transaction's idempotency token, so a retry is safe).
  const requestHandler = { connectionTimeout: 1_000, requestTimeout: 3_000 };
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({ ...local, requestHandler }), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return { client, tableName };
};
