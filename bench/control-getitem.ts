import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';

// The control of the first-invoke table: a Lambda that does one consistent GetItem with the plain SDK, and nothing else.
const client = new DynamoDBClient({
  endpoint: process.env.DYNAMODB_ENDPOINT,
  region: 'us-east-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});

export const handler = () =>
  client.send(
    new GetItemCommand({
      TableName: process.env.TABLE_NAME,
      Key: { PK: { S: 'KEY#control' }, SK: { S: 'KEY' } },
      ConsistentRead: true,
    }),
  );
