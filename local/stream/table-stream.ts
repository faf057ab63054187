import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient, type _Record as StreamRecord } from '@aws-sdk/client-dynamodb-streams';
import { clientSettings } from '../../lib/storage/dynamodb';
import { latestStreamArn, readAllShards } from './shard-reader';

export interface TableStream {
  arn: string;
  /** Every record in the stream so far, shard by shard from TRIM_HORIZON, each shard in order. */
  readAll: () => Promise<StreamRecord[]>;
  destroy: () => void;
}

/** The table's current stream on DynamoDB Local at `endpoint`, for reading it from the start. */
export const openTableStream = async (
  endpoint: string,
  tables: DynamoDBClient,
  tableName: string,
): Promise<TableStream> => {
  const arn = await latestStreamArn(tables, tableName);
  const client = new DynamoDBStreamsClient(clientSettings(endpoint));
  return { arn, readAll: () => readAllShards({ client, arn }), destroy: () => client.destroy() };
};
