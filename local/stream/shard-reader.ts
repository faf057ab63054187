import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type DynamoDBStreamsClient,
  type _Record as StreamsRecord,
} from '@aws-sdk/client-dynamodb-streams';

/** A table's stream, read through the DynamoDB Streams API; `signal` aborts every call in flight. */
export interface StreamSource {
  client: DynamoDBStreamsClient;
  arn: string;
  signal?: AbortSignal;
}

export interface ShardInfo {
  id: string;
  parentId?: string;
}

/** Where reading a shard starts: its oldest record, just after one already processed, or at a given one. */
export type ShardPosition = { after: string } | { at: string } | 'TRIM_HORIZON';

const iteratorAt = (position: ShardPosition) => {
  if (position === 'TRIM_HORIZON') return { ShardIteratorType: 'TRIM_HORIZON' } as const;
  if ('at' in position) return { ShardIteratorType: 'AT_SEQUENCE_NUMBER', SequenceNumber: position.at } as const;
  return { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: position.after } as const;
};

export interface RecordPage {
  records: StreamsRecord[];
  /** Undefined once a closed shard has been read to its end. */
  next?: string;
}

/** The largest page GetRecords returns. */
export const MAX_PAGE = 1000;

/** The ARN of the table's current stream (DescribeTable → LatestStreamArn). */
export const latestStreamArn = async (tables: DynamoDBClient, tableName: string, signal?: AbortSignal) => {
  const { Table } = await tables.send(new DescribeTableCommand({ TableName: tableName }), { abortSignal: signal });
  if (!Table?.LatestStreamArn) throw new Error(`table ${tableName} has no stream`);
  return Table.LatestStreamArn;
};

/** Every shard of the stream, parents before children, through all pages of DescribeStream. */
export const listShards = async ({ client, arn, signal }: StreamSource): Promise<ShardInfo[]> => {
  const shards: ShardInfo[] = [];
  let exclusiveStartShardId: string | undefined;
  do {
    const { StreamDescription } = await client.send(
      new DescribeStreamCommand({ StreamArn: arn, ExclusiveStartShardId: exclusiveStartShardId }),
      { abortSignal: signal },
    );
    for (const { ShardId, ParentShardId } of StreamDescription?.Shards ?? []) {
      if (ShardId) shards.push({ id: ShardId, ...(ParentShardId && { parentId: ParentShardId }) });
    }
    exclusiveStartShardId = StreamDescription?.LastEvaluatedShardId;
  } while (exclusiveStartShardId);
  return shards;
};

/** An iterator of the shard at `position`. */
export const shardIterator = async (
  { client, arn, signal }: StreamSource,
  shardId: string,
  position: ShardPosition,
): Promise<string | undefined> => {
  const { ShardIterator } = await client.send(
    new GetShardIteratorCommand({ StreamArn: arn, ShardId: shardId, ...iteratorAt(position) }),
    { abortSignal: signal },
  );
  return ShardIterator;
};

/** Up to `limit` records from `iterator`, and the iterator of what follows them. */
export const readPage = async (
  { client, signal }: StreamSource,
  iterator: string,
  limit: number,
): Promise<RecordPage> => {
  const page = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: limit }), {
    abortSignal: signal,
  });
  return { records: page.Records ?? [], ...(page.NextShardIterator && { next: page.NextShardIterator }) };
};

/** Every record of the shard so far, from its start. */
export const readShard = async (source: StreamSource, shardId: string): Promise<StreamsRecord[]> => {
  const records: StreamsRecord[] = [];
  let iterator = await shardIterator(source, shardId, 'TRIM_HORIZON');
  // An open shard answers an empty page (and a next iterator) once it has been read to the end.
  while (iterator) {
    const page = await readPage(source, iterator, MAX_PAGE);
    records.push(...page.records);
    if (page.records.length === 0) break;
    iterator = page.next;
  }
  return records;
};

/** Every record in the stream so far, shard by shard, each shard in order. */
export const readAllShards = async (source: StreamSource): Promise<StreamsRecord[]> => {
  const records: StreamsRecord[] = [];
  for (const shard of await listShards(source)) records.push(...(await readShard(source, shard.id)));
  return records;
};
