import type { DynamoDBRecord } from 'aws-lambda';
import type { Db } from '../../lib/storage/dynamodb';
import { localClient } from '../../local/dynamodb-local';
import { toLambdaRecord } from '../../local/stream/records';
import { openTableStream } from '../../local/stream/table-stream';

/** Every record of the table's stream so far, as Lambda would deliver them. */
export const readStream = async (db: Db): Promise<DynamoDBRecord[]> => {
  const endpoint = process.env.DYNAMODB_ENDPOINT ?? '';
  const client = localClient(endpoint);
  const stream = await openTableStream(endpoint, client, db.tableName);
  try {
    return (await stream.readAll()).map((record) => toLambdaRecord(record, stream.arn));
  } finally {
    stream.destroy();
    client.destroy();
  }
};
