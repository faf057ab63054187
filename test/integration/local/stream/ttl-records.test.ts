import { DeleteItemCommand, PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { _Record as StreamRecord } from '@aws-sdk/client-dynamodb-streams';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { TABLE_KEYS } from '../../../../lib/storage/keys';
import { ensureTable } from '../../../../local/table';
import { localClient, startDynamoDbLocal, type DynamoDbLocal } from '../../../../local/dynamodb-local';
import { freePort } from '../../../../local/free-port';
import { openTableStream, type TableStream } from '../../../../local/stream/table-stream';

// How real DynamoDB marks a deletion made by TTL, in the DynamoDB Streams API (the SDK's `Identity` shape).
// Lambda's DynamoDB stream event carries the same mark as `userIdentity: { type, principalId }`.
const TTL_IDENTITY = { Type: 'Service', PrincipalId: 'dynamodb.amazonaws.com' };

// DynamoDB Local deletes expired items in the background; it usually takes about a second. The wait is only a bound.
const STREAM_WAIT_MS = 90_000;
const POLL_MS = 500;

let dynamo: DynamoDbLocal;
let client: DynamoDBClient;
let stream: TableStream;
let tableName: string;

/** Reads the table's stream from its start until `match` finds a record. */
const waitForRecord = async (match: (record: StreamRecord) => boolean): Promise<StreamRecord> => {
  const deadline = Date.now() + STREAM_WAIT_MS;
  let seen: StreamRecord[] = [];
  while (Date.now() < deadline) {
    seen = await stream.readAll();
    const found = seen.find(match);
    if (found) return found;
    await sleep(POLL_MS);
  }
  throw new Error(
    `no matching stream record within ${STREAM_WAIT_MS} ms; saw ${JSON.stringify(
      seen.map(({ eventName, dynamodb, userIdentity }) => ({ eventName, keys: dynamodb?.Keys, userIdentity })),
    )}`,
  );
};

const itemKey = (pk: string) => ({ [TABLE_KEYS.partition]: { S: pk }, [TABLE_KEYS.sort]: { S: 'ITEM' } });
const hasKey = (record: StreamRecord, pk: string): boolean =>
  record.dynamodb?.Keys?.[TABLE_KEYS.partition]?.S === pk && record.dynamodb.Keys[TABLE_KEYS.sort]?.S === 'ITEM';
/** Any record for the key other than its INSERT: how DynamoDB Local 3.x would show a TTL deletion, if it did. */
const isRemovalOf = (pk: string) => (record: StreamRecord) => hasKey(record, pk) && record.eventName !== 'INSERT';

// A DynamoDB Local of its own: on the one shared by the integration tests, TTL deletion was seen to stop for good
// (after the concurrent-roll test; earlier, with a global secondary index): an emulator fault not pinned down.
beforeAll(async () => {
  dynamo = await startDynamoDbLocal(await freePort());
  const { endpoint } = dynamo;
  client = localClient(endpoint);
  tableName = `test-ttl-stream-${randomUUID()}`;
  await ensureTable(client, tableName);
  stream = await openTableStream(endpoint, client, tableName);
});

afterAll(async () => {
  stream?.destroy();
  client?.destroy();
  await dynamo?.stop();
});

describe('the table stream on DynamoDB Local', () => {
  it(
    'shows a TTL deletion as REMOVE by the DynamoDB service, with the old image',
    async () => {
      const pk = `EXPIRED#${randomUUID()}`;
      const expiredAt = Math.floor(Date.now() / 1000) - 3600;
      await client.send(
        new PutItemCommand({
          TableName: tableName,
          Item: { ...itemKey(pk), [TABLE_KEYS.ttl]: { N: String(expiredAt) } },
        }),
      );

      const record = await waitForRecord(isRemovalOf(pk));

      expect(record.eventName).toBe('REMOVE');
      expect(record.userIdentity).toEqual(TTL_IDENTITY);
      expect(record.dynamodb?.OldImage?.[TABLE_KEYS.ttl]).toEqual({ N: String(expiredAt) });
      expect(record.dynamodb?.NewImage).toBeUndefined();
    },
    STREAM_WAIT_MS + 30_000,
  );

  it(
    'shows a DeleteItem as REMOVE without the TTL service identity',
    async () => {
      const pk = `DELETED#${randomUUID()}`;
      await client.send(new PutItemCommand({ TableName: tableName, Item: itemKey(pk) }));
      await client.send(new DeleteItemCommand({ TableName: tableName, Key: itemKey(pk) }));

      const record = await waitForRecord(isRemovalOf(pk));

      expect(record.eventName).toBe('REMOVE');
      expect(record.userIdentity).toBeUndefined();
    },
    STREAM_WAIT_MS + 30_000,
  );
});
