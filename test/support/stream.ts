import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';
import type { Db } from '../../lib/storage/dynamodb';
import { localClient } from '../../scripts/dynamodb-local';
import { toLambdaRecord } from '../../scripts/stream-poller';

/** Every record of the table's stream so far, as Lambda would deliver them, in order. */
export const readStream = async (db: Db): Promise<DynamoDBRecord[]> => {
  const endpoint = process.env.DYNAMODB_ENDPOINT ?? '';
  const client = localClient(endpoint);
  const streams = new DynamoDBStreamsClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    const arn = (await client.send(new DescribeTableCommand({ TableName: db.tableName }))).Table?.LatestStreamArn ?? '';
    const shards = (await streams.send(new DescribeStreamCommand({ StreamArn: arn }))).StreamDescription?.Shards ?? [];
    const records: DynamoDBRecord[] = [];
    for (const shard of shards) {
      let iterator = (
        await streams.send(
          new GetShardIteratorCommand({ StreamArn: arn, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }),
        )
      ).ShardIterator;
      while (iterator) {
        const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
        records.push(...(page.Records ?? []).map((record) => toLambdaRecord(record, arn)));
        if ((page.Records ?? []).length === 0) break;
        iterator = page.NextShardIterator;
      }
    }
    return records.sort((a, b) =>
      BigInt(a.dynamodb?.SequenceNumber ?? 0) < BigInt(b.dynamodb?.SequenceNumber ?? 0) ? -1 : 1,
    );
  } finally {
    client.destroy();
    streams.destroy();
  }
};
