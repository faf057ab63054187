import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { batchGetAll } from '../../../../lib/storage/batch-get';
import type { Db } from '../../../../lib/storage/dynamodb';
import { freshTable } from '../../../support/db';

let db: Db;
beforeEach(async () => {
  db = await freshTable();
});

const itemKey = (i: number) => ({ PK: `ITEM#${i}`, SK: 'ITEM' });
const put = (item: Record<string, unknown>) => db.client.send(new PutCommand({ TableName: db.tableName, Item: item }));
const sortedPks = (items: Record<string, unknown>[]) => items.map((item) => String(item.PK)).sort();

describe('batchGetAll on DynamoDB Local', () => {
  it('reads more than 100 keys, 100 a request, and leaves out the items that do not exist', async () => {
    const existing = Array.from({ length: 250 }, (_, i) => i).filter((i) => i % 3 !== 0);
    for (const i of existing) await put({ ...itemKey(i), n: i });
    const found = await batchGetAll(
      db,
      Array.from({ length: 250 }, (_, i) => itemKey(i)),
    );
    expect(sortedPks(found)).toEqual(sortedPks(existing.map(itemKey)));
  });

  it('asks again for the keys DynamoDB left unprocessed (a response is at most 16 MB)', async () => {
    // 60 items of 350 KB are 21 MB: one BatchGetItem answers part of them and returns the rest as UnprocessedKeys.
    const big = 'x'.repeat(350_000);
    for (let i = 0; i < 60; i++) await put({ ...itemKey(i), big });
    const found = await batchGetAll(
      db,
      Array.from({ length: 60 }, (_, i) => itemKey(i)),
    );
    expect(sortedPks(found)).toEqual(sortedPks(Array.from({ length: 60 }, (_, i) => itemKey(i))));
  });

  it('reads only the projected attributes', async () => {
    await put({ ...itemKey(1), kept: 'yes', dropped: 'no' });
    expect(await batchGetAll(db, [itemKey(1)], 'PK, kept')).toEqual([{ PK: 'ITEM#1', kept: 'yes' }]);
  });
});
