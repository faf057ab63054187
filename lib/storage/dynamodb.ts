import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from '../config';

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
  const client = DynamoDBDocumentClient.from(new DynamoDBClient(local), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return { client, tableName };
};

let cached: Db | undefined;

/** The configured table, with one client per process (created once, reused across invocations). */
export const db = (): Db => {
  cached ??= createDb({ tableName: config().tableName, endpoint: config().dynamoDbEndpoint });
  return cached;
};
