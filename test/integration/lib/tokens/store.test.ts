import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import type { Db } from '../../../../lib/storage/dynamodb';
import { keys } from '../../../../lib/storage/keys';
import { hashToken } from '../../../../lib/tokens/format';
import { createToken, listTokens, revokeToken } from '../../../../lib/tokens/service';
import { DAY_MS } from '../../../../lib/time';
import { findKey, findToken } from '../../../../lib/tokens/store';
import { freshTable, settings } from '../../../support/db';
import { valueOf } from '../../../support/outcome';

const input = (overrides: Partial<{ name: string; scopes: string[]; expiresAt: Date | null }> = {}) => ({
  name: 'Nightly import',
  scopes: ['cases:read'],
  expiresAt: null,
  ...overrides,
});

let db: Db;
beforeAll(async () => {
  db = await freshTable();
});

const scanAll = async (): Promise<Record<string, unknown>[]> =>
  (await db.client.send(new ScanCommand({ TableName: db.tableName }))).Items ?? [];

describe('token storage on DynamoDB Local', () => {
  it('stores only the SHA-256 of a token, never the token or its secret', async () => {
    const created = valueOf(await createToken(db, settings, `u-${randomUUID()}`, input(), new Date()));
    const stored = JSON.stringify(await scanAll());
    expect(stored).toContain(hashToken(created.token));
    expect(stored).not.toContain(created.token);
    expect(stored).not.toContain(created.token.slice(8, 40));
  });

  it('finds the key by hash with owner, id, scopes and expiry, and the listing by owner and id', async () => {
    const userId = `u-${randomUUID()}`;
    const now = new Date();
    const expiresAt = new Date(now.getTime() + 30 * DAY_MS);
    const created = valueOf(
      await createToken(db, settings, userId, input({ expiresAt, scopes: ['cases:write', 'applicants:read'] }), now),
    );
    expect(await findKey(db, hashToken(created.token))).toEqual({
      userId,
      tokenId: created.id,
      scopes: ['applicants:read', 'cases:write'],
      expiresAt: expiresAt.toISOString(),
      revokedAt: null,
    });
    expect(await findToken(db, userId, created.id)).toMatchObject({ id: created.id, name: 'Nightly import', userId });
    expect(await findToken(db, `someone-else-${randomUUID()}`, created.id)).toBeUndefined();
  });

  it('lets DynamoDB delete an expiring token only the retention period after it expires, and never one without expiry', async () => {
    const userId = `u-${randomUUID()}`;
    const expiresAt = new Date(Date.now() + DAY_MS);
    const expiring = valueOf(await createToken(db, settings, userId, input({ expiresAt }), new Date()));
    const forever = valueOf(await createToken(db, settings, userId, input({ name: 'Forever' }), new Date()));
    const items = await scanAll();
    const ttlOf = (pk: string, sk: string) => items.find((item) => item.PK === pk && item.SK === sk)?.ttl;
    const expected = Math.floor((expiresAt.getTime() + settings.retentionDays * DAY_MS) / 1000);
    expect(ttlOf(keys.key(hashToken(expiring.token)).PK, 'KEY')).toBe(expected);
    expect(ttlOf(keys.token(userId, expiring.id).PK, keys.token(userId, expiring.id).SK)).toBe(expected);
    expect(ttlOf(keys.key(hashToken(forever.token)).PK, 'KEY')).toBeUndefined();
  });

  it('marks a revoked key as revoked (kept for the retention period) and removes it from the listing', async () => {
    const userId = `u-${randomUUID()}`;
    const created = valueOf(await createToken(db, settings, userId, input(), new Date()));
    const now = new Date();
    expect(await revokeToken(db, settings, userId, created.id, now)).toEqual({
      ok: true,
      value: { id: created.id, name: 'Nightly import' },
    });
    const key = await findKey(db, hashToken(created.token));
    expect(key?.revokedAt).toBe(now.toISOString());
    const item = (await scanAll()).find((i) => i.PK === keys.key(hashToken(created.token)).PK);
    expect(item?.ttl).toBe(Math.floor((now.getTime() + settings.retentionDays * DAY_MS) / 1000));
    expect((await listTokens(db, userId, new Date())).tokens).toEqual([]);
    await expect(revokeToken(db, settings, userId, created.id, new Date())).resolves.toEqual({
      ok: false,
      reason: 'not_found',
    });
  });

  it('keeps the limit of 10 under 30 concurrent creates for one user', async () => {
    const userId = `u-${randomUUID()}`;
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        createToken(db, settings, userId, input({ name: `parallel ${i}` }), new Date()),
      ),
    );
    expect(outcomes.filter((o) => o.ok)).toHaveLength(10);
    const refusals = outcomes.filter((o) => !o.ok);
    expect(refusals.map((o) => !o.ok && o.reason)).toEqual(Array(20).fill('limit_reached'));
    expect((await listTokens(db, userId, new Date())).active).toBe(10);
  });

  it('does not count expired tokens toward the limit', async () => {
    const userId = `u-${randomUUID()}`;
    const then = new Date(Date.now() - 2 * DAY_MS);
    for (let i = 0; i < 10; i++) {
      await createToken(
        db,
        settings,
        userId,
        input({ name: `old ${i}`, expiresAt: new Date(then.getTime() + DAY_MS) }),
        then,
      );
    }
    await expect(createToken(db, settings, userId, input(), new Date())).resolves.toMatchObject({
      ok: true,
      value: { name: 'Nightly import' },
    });
    const list = await listTokens(db, userId, new Date());
    expect(list.tokens).toHaveLength(11);
    expect(list.active).toBe(1);
  });
});
