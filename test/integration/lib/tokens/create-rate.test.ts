import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import type { Db } from '../../../../lib/storage/dynamodb';
import { keys } from '../../../../lib/storage/keys';
import { fixedWindow } from '../../../../lib/tokens/rate-window';
import { createToken, listTokens, revokeToken } from '../../../../lib/tokens/service';
import { epochSeconds } from '../../../../lib/time';
import { tokenSettings } from '../../../support/config';
import { freshTable, settings } from '../../../support/db';
import { valueOf } from '../../../support/outcome';

const input = (name: string) => ({ name, scopes: ['cases:read'], expiresAt: null });
/** Five creates an hour: small enough to exceed without meeting the limit of 10 active tokens. */
const fivePerHour = tokenSettings({ TOKEN_CREATE_RATE_LIMIT: '5' });

let db: Db;
beforeAll(async () => {
  db = await freshTable();
});

const countItem = async (userId: string, at: Date) =>
  (
    await db.client.send(
      new GetCommand({ TableName: db.tableName, Key: keys.createCount(userId, fixedWindow(at, 3600).start) }),
    )
  ).Item;

describe('the per-user limit on token creation, on DynamoDB Local', () => {
  it('holds under 12 concurrent creates: exactly 5 succeed, 7 are rate_limited, 5 are listed', async () => {
    const userId = `u-${randomUUID()}`;
    const now = new Date();
    const outcomes = await Promise.all(
      Array.from({ length: 12 }, (_, i) => createToken(db, fivePerHour, userId, input(`parallel ${i}`), now)),
    );
    expect(outcomes.filter((o) => o.ok)).toHaveLength(5);
    const refusals = outcomes.filter((o) => !o.ok);
    expect(refusals.map((o) => !o.ok && o.reason)).toEqual(Array(7).fill('rate_limited'));
    expect((await listTokens(db, userId, new Date())).tokens).toHaveLength(5);
    expect(await countItem(userId, now)).toMatchObject({ count: 5, ttl: epochSeconds(fixedWindow(now, 3600).end) });
  });

  it('says in how many seconds the window ends, and allows creates again in the next window', async () => {
    const userId = `u-${randomUUID()}`;
    const window = fixedWindow(new Date(Date.now() - 3 * 3_600_000), 3600);
    const tenMinutesIn = new Date(window.start.getTime() + 600_000);
    for (let i = 0; i < 5; i++) valueOf(await createToken(db, fivePerHour, userId, input(`t${i}`), tenMinutesIn));

    expect(await createToken(db, fivePerHour, userId, input('sixth'), tenMinutesIn)).toEqual({
      ok: false,
      reason: 'rate_limited',
      retryAfterSeconds: 3000,
    });
    const nextWindow = new Date(window.end.getTime() + 1_000);
    expect((await createToken(db, fivePerHour, userId, input('sixth'), nextWindow)).ok).toBe(true);
  });

  it('counts only tokens created: creates refused at the limit of 10 active tokens do not count', async () => {
    const userId = `u-${randomUUID()}`;
    const now = new Date();
    const createMany = async (count: number) => {
      const created = [];
      for (let i = 0; i < count; i++) created.push(await createToken(db, settings, userId, input(`t${i}`), now));
      return created;
    };
    const first = (await createMany(15)).filter((o) => o.ok);
    expect(first).toHaveLength(10);
    for (const token of first) await revokeToken(db, settings, userId, valueOf(token).id, now);

    const [again, ...rest] = (await createMany(10)).map(valueOf);
    expect(rest).toHaveLength(9);
    // 20 created this hour: the default limit, so the 21st is refused although a slot is free again.
    await revokeToken(db, settings, userId, again?.id ?? '', now);
    expect(await createToken(db, settings, userId, input('21st'), now)).toMatchObject({
      ok: false,
      reason: 'rate_limited',
    });
  });
});
