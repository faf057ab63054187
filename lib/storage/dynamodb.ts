import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createHotPath, type HotPath } from './hot-path';

export interface Db {
  client: DynamoDBDocumentClient;
  /** The same table for the authorizer's key read and use-event write, without the SDK's per-call cost. */
  hotPath: HotPath;
  tableName: string;
}

export interface DbOptions {
  tableName: string;
  endpoint?: string | undefined;
}

/** The region every process talking to DynamoDB Local names, so that all of them share one database. */
export const LOCAL_REGION = 'us-east-1';

/** What a DynamoDB or DynamoDB Streams client is built from: the SDK's usual settings, or DynamoDB Local's at `endpoint`. */
export interface ClientSettings {
  endpoint?: string;
  region?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  requestHandler: { connectionTimeout: number; requestTimeout: number; throwOnRequestTimeout: boolean };
  maxAttempts: number;
}

/**
 * The settings of every DynamoDB client this project makes, for the table and for its stream.
 *
 * @example
 * new DynamoDBStreamsClient(clientSettings('http://127.0.0.1:8000'));
 */
export const clientSettings = (endpoint?: string): ClientSettings => ({
  // DynamoDB Local keys its databases by credentials and region: fixed ones let all local processes share one.
  ...(endpoint !== undefined && {
    endpoint,
    region: LOCAL_REGION,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  }),
  // A stalled database must fail a call in seconds, not hang it: without throwOnRequestTimeout the SDK
  // only logs a warning when requestTimeout passes. Two attempts of 2 s each (and the SDK's short backoff)
  // bound one call to about 4 s: a management route, which stops at its first failed call, answers 503
  // inside API Gateway's 29 s; the authorizer (a read, then a use record) inside the functions' 10 s.
  // Writes are conditional or carry the transaction's idempotency token, so a retry is safe.
  requestHandler: { connectionTimeout: 1_000, requestTimeout: 2_000, throwOnRequestTimeout: true },
  maxAttempts: 2,
});

const MARSHALL_OPTIONS = { removeUndefinedValues: true } as const;

/** A document client for the table, against DynamoDB Local when `endpoint` is given. */
export const createDb = ({ tableName, endpoint }: DbOptions): Db => {
  const settings = clientSettings(endpoint);
  const client = DynamoDBDocumentClient.from(new DynamoDBClient(settings), {
    marshallOptions: { ...MARSHALL_OPTIONS },
  });
  // A copy each: the document client writes its own flags into the options it is given.
  return { client, hotPath: createHotPath(client.config, settings, { ...MARSHALL_OPTIONS }), tableName };
};
