import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { errorAnswer } from '../../../../lib/http/response';
import { createDb, type Db } from '../../../../lib/storage/dynamodb';
import { databaseUnavailable } from '../../../../lib/storage/unavailable';
import { freshTable } from '../../../support/db';

let db: Db;

beforeAll(async () => {
  db = await freshTable();
});

const ITEM = {
  PK: 'USE#hot-path',
  SK: '2026-01-01T00:00:00.000Z#r1',
  at: 1_767_225_600_000,
  ip: '203.0.113.7',
  need: null,
  scopes: ['cases:read', 'invoices:write'],
  nested: { ok: true, list: [1, 'two'] },
};

describe('the hot path on DynamoDB Local', () => {
  it('writes an item the document client reads back unchanged, and reads one it wrote', async () => {
    await db.hotPath.putItem({ TableName: db.tableName, Item: { ...ITEM, dropped: undefined } });
    const { Item } = await db.client.send(
      new GetCommand({ TableName: db.tableName, Key: { PK: ITEM.PK, SK: ITEM.SK }, ConsistentRead: true }),
    );
    expect(Item).toEqual(ITEM);

    const other = { ...ITEM, SK: 'other' };
    await db.client.send(new PutCommand({ TableName: db.tableName, Item: other }));
    expect(await db.hotPath.getItem({ TableName: db.tableName, Key: { PK: ITEM.PK, SK: 'other' } })).toEqual(other);
  });

  it('reads only the projected attributes, and nothing for a missing item', async () => {
    await db.hotPath.putItem({ TableName: db.tableName, Item: ITEM });
    expect(
      await db.hotPath.getItem({
        TableName: db.tableName,
        Key: { PK: ITEM.PK, SK: ITEM.SK },
        ConsistentRead: true,
        ProjectionExpression: 'ip, #n',
        ExpressionAttributeNames: { '#n': 'need' },
      }),
    ).toEqual({ ip: ITEM.ip, need: null });
    expect(await db.hotPath.getItem({ TableName: db.tableName, Key: { PK: 'USE#none', SK: 'none' } })).toBeUndefined();
  });

  it("answers DynamoDB's refusal as an internal error named as DynamoDB names it, not as unavailable", async () => {
    const error = await db.hotPath.putItem({ TableName: db.tableName, Item: { ...ITEM, SK: 'k'.repeat(2_000) } }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ name: 'ValidationException', $fault: 'client' });
    expect(databaseUnavailable(error)).toBe(false);
    expect(errorAnswer(error).result.status).toBe(500);
  });
});

describe('the hot path when nothing listens', () => {
  it('fails a write as service_unavailable', async () => {
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const address = closed.address();
    closed.close();
    await once(closed, 'close');
    if (address === null || typeof address === 'string') throw new Error('no port');
    const target = createDb({ tableName: 'tokens', endpoint: `http://127.0.0.1:${address.port}` });
    const error = await target.hotPath.putItem({ TableName: 'tokens', Item: ITEM }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    target.hotPath.destroy();
    expect(error).toMatchObject({ code: 'ECONNREFUSED' });
    expect(databaseUnavailable(error)).toBe(true);
  });
});
