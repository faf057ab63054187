import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';

const GET_RECORDS_LIMIT = 1000;

export interface TableStream {
  arn: string;
  /** Every record in the stream so far, shard by shard from TRIM_HORIZON, each shard in order. */
  readAll: () => Promise<StreamRecord[]>;
  destroy: () => void;
}

/** The table's stream (DescribeTable → LatestStreamArn), read through the DynamoDB Streams API. */
export const openTableStream = async (
  endpoint: string,
  tables: DynamoDBClient,
  tableName: string,
): Promise<TableStream> => {
  const { Table } = await tables.send(new DescribeTableCommand({ TableName: tableName }));
  const arn = Table?.LatestStreamArn;
  if (!arn) throw new Error(`table ${tableName} has no stream`);
  const streams = new DynamoDBStreamsClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });

  const shardIds = async (): Promise<string[]> => {
    const ids: string[] = [];
    let exclusiveStartShardId: string | undefined;
    do {
      const { StreamDescription } = await streams.send(
        new DescribeStreamCommand({ StreamArn: arn, ExclusiveStartShardId: exclusiveStartShardId }),
      );
      for (const { ShardId } of StreamDescription?.Shards ?? []) if (ShardId) ids.push(ShardId);
      exclusiveStartShardId = StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStartShardId);
    return ids;
  };

  const readShard = async (shardId: string): Promise<StreamRecord[]> => {
    const records: StreamRecord[] = [];
    let { ShardIterator: iterator } = await streams.send(
      new GetShardIteratorCommand({ StreamArn: arn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }),
    );
    // An open shard answers an empty page (and a next iterator) once it has been read to the end.
    while (iterator) {
      const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: GET_RECORDS_LIMIT }));
      const got = page.Records ?? [];
      records.push(...got);
      if (got.length === 0) break;
      iterator = page.NextShardIterator;
    }
    return records;
  };

  return {
    arn,
    readAll: async () => {
      const records: StreamRecord[] = [];
      for (const shardId of await shardIds()) records.push(...(await readShard(shardId)));
      return records;
    },
    destroy: () => streams.destroy(),
  };
};
