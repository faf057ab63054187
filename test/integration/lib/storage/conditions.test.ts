import { PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import {
  cancellationCodes,
  CONDITION_FAILED,
  isConditionFailure,
  isTransactionConditionFailure,
} from '../../../../lib/storage/conditions';
import type { Db } from '../../../../lib/storage/dynamodb';
import { freshTable } from '../../../support/db';

let db: Db;
beforeAll(async () => {
  db = await freshTable();
  await db.client.send(new PutCommand({ TableName: db.tableName, Item: { PK: 'TAKEN', SK: 'ITEM' } }));
});

/** The error DynamoDB Local answers a request with. */
const errorOf = async (send: () => Promise<unknown>): Promise<unknown> => {
  try {
    await send();
  } catch (error) {
    return error;
  }
  throw new Error('the request succeeded');
};
const putNew = (pk: string) => ({
  Put: { TableName: db.tableName, Item: { PK: pk, SK: 'ITEM' }, ConditionExpression: 'attribute_not_exists(PK)' },
});

describe('condition failures from DynamoDB Local', () => {
  it('recognises a single write refused by its condition', async () => {
    const error = await errorOf(() => db.client.send(new PutCommand(putNew('TAKEN').Put)));
    expect(isConditionFailure(error)).toBe(true);
    expect(cancellationCodes(error)).toBeUndefined();
    expect(isTransactionConditionFailure(error, 0)).toBe(false);
  });

  it('recognises a transaction cancelled by the condition of one item, and which item', async () => {
    const error = await errorOf(() =>
      db.client.send(new TransactWriteCommand({ TransactItems: [putNew('FREE'), putNew('TAKEN')] })),
    );
    expect(cancellationCodes(error)).toEqual(['None', CONDITION_FAILED]);
    expect(isTransactionConditionFailure(error, 1)).toBe(true);
    expect(isTransactionConditionFailure(error, 0)).toBe(false);
    expect(isConditionFailure(error)).toBe(false);
  });

  it('recognises no condition failure in other errors', async () => {
    const error = await errorOf(() =>
      db.client.send(new PutCommand({ TableName: db.tableName, Item: { PK: 'NO-SORT-KEY' } })),
    );
    expect(isConditionFailure(error)).toBe(false);
    expect(cancellationCodes(error)).toBeUndefined();
  });
});
