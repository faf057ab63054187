import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { parseConfig } from '../../../../lib/config';
import { emitExpiryEvents } from '../../../../lib/expiry/emit';
import type { ExpiryEvent } from '../../../../lib/expiry/types';
import { revokeLeakedTokens } from '../../../../lib/leaks/revoke';
import type { Db } from '../../../../lib/storage/dynamodb';
import { keys } from '../../../../lib/storage/keys';
import { DAY_MS, utcDay } from '../../../../lib/time';
import { hashToken } from '../../../../lib/tokens/format';
import { rollToken } from '../../../../lib/tokens/roll';
import { createToken, listTokens, revokeToken } from '../../../../lib/tokens/service';
import { findKey, findToken } from '../../../../lib/tokens/store';
import type { KeyRecord } from '../../../../lib/tokens/types';
import { judgeKey } from '../../../../lib/tokens/verify';
import { freshTable } from '../../../support/db';
import { valueOf } from '../../../support/outcome';

const config = parseConfig({
  TABLE_NAME: 'unused',
  SESSION_ISSUER: 'issuer',
  SESSION_AUDIENCE: 'audience',
  SESSION_JWKS_URL: 'https://id.example/jwks',
  // Room for the concurrency cases' creates and rolls: the create rate is not what they test.
  TOKEN_CREATE_RATE_LIMIT: '100',
});
const settings = config.tokens;
const IP = '203.0.113.9';
const HOUR_S = 3600;

let db: Db;
beforeAll(async () => {
  db = await freshTable();
});

const newUserId = () => `u-${randomUUID()}`;
const at = (base: Date, seconds: number) => new Date(base.getTime() + seconds * 1000);

const create = async (userId: string, now: Date, expiresAt: Date | null = null, name = 'Nightly import') =>
  valueOf(await createToken(db, settings, userId, { name, scopes: ['cases:read'], expiresAt }, now));

const roll = (userId: string, tokenId: string, graceSeconds: number, now: Date) =>
  rollToken(db, config, { userId, ip: IP }, tokenId, { graceSeconds }, now);

const works = async (token: string, now: Date): Promise<boolean> =>
  judgeKey(await findKey(db, hashToken(token)), null, now).valid;

/** Every key of the user, read straight from the table. */
const keysOf = async (userId: string): Promise<KeyRecord[]> => {
  const { Items = [] } = await db.client.send(
    new ScanCommand({
      TableName: db.tableName,
      FilterExpression: 'begins_with(PK, :key) AND userId = :user',
      ExpressionAttributeValues: { ':key': 'KEY#', ':user': userId },
      ConsistentRead: true,
    }),
  );
  return Items as unknown as KeyRecord[];
};

const workingKeys = async (userId: string, now: Date): Promise<number> =>
  (await keysOf(userId)).filter((key) => judgeKey(key, null, now).valid).length;

const auditOf = async (userId: string) =>
  (
    await db.client.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.auditTrail(userId) },
        ConsistentRead: true,
      }),
    )
  ).Items ?? [];

describe('rolling a token with a grace period, on DynamoDB Local', () => {
  it('issues a new token with the same name and scopes; the old one works until the grace ends, then is revoked', async () => {
    const userId = newUserId();
    const t0 = new Date();
    const old = await create(userId, t0);
    const rolled = valueOf(await roll(userId, old.id, HOUR_S, t0));

    expect(rolled).toMatchObject({ name: old.name, scopes: old.scopes, expiresAt: null, rolledFrom: old.id });
    expect(rolled.id).not.toBe(old.id);
    expect(rolled.token).not.toBe(old.token);
    expect(await works(rolled.token, t0)).toBe(true);
    expect(await works(old.token, at(t0, HOUR_S - 1))).toBe(true);
    expect(judgeKey(await findKey(db, hashToken(old.token)), null, at(t0, HOUR_S))).toMatchObject({
      valid: false,
      reason: 'revoked',
    });
    expect(await works(rolled.token, at(t0, HOUR_S))).toBe(true);
  });

  it('lists both tokens during the grace (both counting toward the limit) and only the new one after', async () => {
    const userId = newUserId();
    const t0 = new Date();
    const old = await create(userId, t0);
    const rolled = valueOf(await roll(userId, old.id, HOUR_S, t0));

    const during = await listTokens(db, userId, at(t0, HOUR_S - 1));
    expect(during.tokens.map((token) => token.id).sort()).toEqual([old.id, rolled.id].sort());
    expect(during.active).toBe(2);
    const after = await listTokens(db, userId, at(t0, HOUR_S));
    expect(after.tokens.map((token) => token.id)).toEqual([rolled.id]);
    expect(after.active).toBe(1);
  });

  it('with no grace revokes the old token at once, as DELETE does: key revoked, listing marked revoked', async () => {
    const userId = newUserId();
    const t0 = new Date();
    const old = await create(userId, t0);
    const rolled = valueOf(await roll(userId, old.id, 0, t0));

    expect(judgeKey(await findKey(db, hashToken(old.token)), null, t0)).toMatchObject({ reason: 'revoked' });
    expect((await findKey(db, hashToken(old.token)))?.revokedAt).toBe(t0.toISOString());
    // The listing stays, marked revoked, as a revocation keeps it.
    expect((await findToken(db, userId, old.id))?.revokedAt).toBe(t0.toISOString());
    expect(await works(rolled.token, t0)).toBe(true);
    expect((await listTokens(db, userId, t0)).tokens.map((token) => token.id)).toEqual([rolled.id]);
  });

  it('gives an expiring token its whole lifetime again from the roll, with its expiry calendar entry', async () => {
    const userId = newUserId();
    const t0 = new Date();
    const old = await create(userId, t0, new Date(t0.getTime() + 30 * DAY_MS));
    const rollAt = at(t0, 5 * 24 * HOUR_S);
    const rolled = valueOf(await roll(userId, old.id, 0, rollAt));

    const expiresAt = new Date(rollAt.getTime() + 30 * DAY_MS);
    expect(rolled.expiresAt).toBe(expiresAt.toISOString());
    const { Items = [] } = await db.client.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: 'PK = :pk AND SK = :sk',
        ExpressionAttributeValues: {
          ':pk': keys.expiryDay(utcDay(expiresAt.getTime())),
          ':sk': `${userId}#${rolled.id}`,
        },
      }),
    );
    expect(Items).toEqual([expect.objectContaining({ tokenId: rolled.id, expiresAt: rolled.expiresAt })]);
  });

  it('writes one `rolled` audit entry: the old token, its name, the user as actor, the source address', async () => {
    const userId = newUserId();
    const t0 = new Date();
    const old = await create(userId, t0);
    valueOf(await roll(userId, old.id, 60, t0));
    expect(await auditOf(userId)).toEqual([
      expect.objectContaining({
        at: t0.toISOString(),
        action: 'rolled',
        tokenId: old.id,
        tokenName: old.name,
        actor: userId,
        ip: IP,
      }),
    ]);
  });

  it('answers not_found for an unknown id, another user’s token, a revoked one, an expired one and one already rolled', async () => {
    const userId = newUserId();
    const t0 = new Date();
    const revoked = await create(userId, t0);
    valueOf(await revokeToken(db, settings, userId, revoked.id, t0));
    const expiring = await create(userId, t0, at(t0, 60), 'Expiring');
    const rolledOnce = await create(userId, t0, null, 'Rolled once');
    valueOf(await roll(userId, rolledOnce.id, HOUR_S, t0));
    const someoneElses = await create(newUserId(), t0);

    for (const id of [randomUUID(), 'not-an-id', someoneElses.id, revoked.id, rolledOnce.id]) {
      expect(await roll(userId, id, 0, t0)).toEqual({ ok: false, reason: 'not_found' });
    }
    expect(await roll(userId, expiring.id, 0, at(t0, 60))).toEqual({ ok: false, reason: 'not_found' });
    expect(await works(someoneElses.token, t0)).toBe(true);
  });
});

describe('a rolled token in and after its grace', () => {
  it('is revoked at once by DELETE during its grace, which frees its slot', async () => {
    const userId = newUserId();
    const t0 = new Date();
    const old = await create(userId, t0);
    valueOf(await roll(userId, old.id, HOUR_S, t0));
    valueOf(await revokeToken(db, settings, userId, old.id, t0));
    expect(await works(old.token, t0)).toBe(false);
    expect((await listTokens(db, userId, t0)).active).toBe(1);
  });

  it('answers not_found to DELETE once its grace is over, as for any revoked token', async () => {
    const userId = newUserId();
    const t0 = new Date();
    const old = await create(userId, t0);
    valueOf(await roll(userId, old.id, 60, t0));
    expect(await revokeToken(db, settings, userId, old.id, at(t0, 60))).toEqual({ ok: false, reason: 'not_found' });
  });

  it('is revoked by a leak report during its grace, and passed over by one after it', async () => {
    const reporter = { actor: 'leak-report', ip: IP } as const;
    const t0 = new Date();
    const owner = newUserId();
    const during = await create(owner, t0);
    valueOf(await roll(owner, during.id, 60, t0));
    expect(await revokeLeakedTokens(db, config, [{ token: during.token }], reporter, t0)).toHaveLength(1);
    expect(await works(during.token, t0)).toBe(false);

    const userId = newUserId();
    const after = await create(userId, t0);
    valueOf(await roll(userId, after.id, 60, t0));
    expect(await revokeLeakedTokens(db, config, [{ token: after.token }], reporter, at(t0, 60))).toEqual([]);
    expect(await auditOf(userId)).toHaveLength(1);
  });
});

describe('a rolled token in the list', () => {
  const viewOf = async (userId: string, id: string, now: Date, status?: 'revoked') =>
    (await listTokens(db, userId, now, { size: 50, ...(status === undefined ? {} : { status }) })).tokens.find(
      (token) => token.id === id,
    );

  it('says it was replaced and counts down to the end of its grace; the new token says neither', async () => {
    const userId = newUserId();
    const t0 = new Date();
    const old = await create(userId, t0);
    const rolled = valueOf(await roll(userId, old.id, (2 * DAY_MS) / 1000, t0));
    const graceUntil = at(t0, (2 * DAY_MS) / 1000).toISOString();

    expect(await viewOf(userId, old.id, at(t0, 1))).toMatchObject({
      status: 'expiring',
      expiresInDays: 2,
      expiresAt: null,
      graceUntil,
      replacedBy: rolled.id,
      revokedAt: null,
    });
    expect(await viewOf(userId, rolled.id, at(t0, 1))).toMatchObject({
      status: 'active',
      graceUntil: null,
      replacedBy: null,
    });
  });

  it('is listed as revoked when its grace ends, revoked at the grace’s end, and never among the expired', async () => {
    const userId = newUserId();
    const t0 = new Date();
    const old = await create(userId, t0);
    valueOf(await roll(userId, old.id, HOUR_S, t0));
    const after = at(t0, HOUR_S);

    expect(await viewOf(userId, old.id, after)).toBeUndefined();
    expect(await viewOf(userId, old.id, after, 'revoked')).toMatchObject({
      status: 'revoked',
      revokedAt: after.toISOString(),
      graceUntil: after.toISOString(),
    });
    expect(await viewOf(userId, old.id, at(t0, HOUR_S - 1), 'revoked')).toBeUndefined();
  });

  it('is listed as expired, not revoked, when its expiry came before the end of its grace', async () => {
    const userId = newUserId();
    const t0 = new Date();
    const old = await create(userId, t0, at(t0, 60));
    valueOf(await roll(userId, old.id, HOUR_S, t0));
    const after = at(t0, HOUR_S);

    expect(await viewOf(userId, old.id, after)).toMatchObject({ status: 'expired', revokedAt: null });
    expect(await viewOf(userId, old.id, after, 'revoked')).toBeUndefined();
  });
});

describe('expiry notices after a roll', () => {
  it('warns of the new token’s expiry only, not of the rolled one in its grace', async () => {
    const userId = newUserId();
    const t0 = new Date();
    const old = await create(userId, t0, new Date(t0.getTime() + 10 * DAY_MS));
    const rolled = valueOf(await roll(userId, old.id, 24 * HOUR_S, t0));
    const events: ExpiryEvent[] = [];
    const publisher = { publish: async (event: ExpiryEvent) => void events.push(event) };
    const weekBefore = new Date(Date.parse(rolled.expiresAt ?? '') - 7 * DAY_MS + 1000);
    await emitExpiryEvents(db, publisher, { warningDays: [7], stage: 'test', auditRetentionDays: 365 }, weekBefore);
    const mine = events.filter((event) => [old.id, rolled.id].includes(event.detail.tokenId));
    expect(mine.map((event) => event.detail.tokenId)).toEqual([rolled.id]);
  });
});

describe('the limit of 10 under rolls', () => {
  const fill = async (userId: string, count: number, now: Date) =>
    Promise.all(Array.from({ length: count }, (_, i) => create(userId, now, null, `token ${i}`)));
  /** The first of a filled user's tokens. */
  const first = <T>(tokens: T[]): T => {
    const [token] = tokens;
    if (token === undefined) throw new Error('no token');
    return token;
  };

  it('refuses a roll with a grace at 10 tokens (it would take an 11th slot) and writes nothing', async () => {
    const userId = newUserId();
    const t0 = new Date();
    const tokens = await fill(userId, 10, t0);
    expect(await roll(userId, first(tokens).id, 60, t0)).toEqual({ ok: false, reason: 'limit_reached' });
    expect(await works(first(tokens).token, at(t0, 3600))).toBe(true);
    expect(await keysOf(userId)).toHaveLength(10);
    expect(await auditOf(userId)).toEqual([]);
  });

  it('lets a user at 10 tokens roll without a grace: the new token takes the old one’s slot', async () => {
    const userId = newUserId();
    const t0 = new Date();
    const tokens = await fill(userId, 10, t0);
    valueOf(await roll(userId, first(tokens).id, 0, t0));
    expect(await workingKeys(userId, t0)).toBe(10);
    expect((await listTokens(db, userId, t0)).active).toBe(10);
  });

  it('frees the old token’s slot when its grace ends, not before', async () => {
    const userId = newUserId();
    const t0 = new Date();
    const tokens = await fill(userId, 9, t0);
    valueOf(await roll(userId, first(tokens).id, HOUR_S, t0));
    expect(await createToken(db, settings, userId, { name: 'x', scopes: ['cases:read'], expiresAt: null }, t0)).toEqual(
      {
        ok: false,
        reason: 'limit_reached',
      },
    );
    await create(userId, at(t0, HOUR_S));
    expect(await workingKeys(userId, at(t0, HOUR_S))).toBe(10);
  });

  it('holds with 5 rolls with a grace and 5 creates at once on 5 tokens: never more than 10 work, during or after', async () => {
    const userId = newUserId();
    const t0 = new Date();
    const tokens = await fill(userId, 5, t0);
    const outcomes = await Promise.all([
      ...tokens.map((token) => roll(userId, token.id, HOUR_S, t0)),
      ...tokens.map((_, i) =>
        createToken(db, settings, userId, { name: `new ${i}`, scopes: ['cases:read'], expiresAt: null }, t0),
      ),
    ]);
    const succeeded = outcomes.filter((outcome) => outcome.ok).length;
    expect(succeeded).toBe(5);
    expect(outcomes.filter((outcome) => !outcome.ok).map((outcome) => !outcome.ok && outcome.reason)).toEqual(
      Array(5).fill('limit_reached'),
    );
    expect(await workingKeys(userId, t0)).toBe(10);
    expect((await listTokens(db, userId, t0)).active).toBe(10);
    const rolls = outcomes.slice(0, 5).filter((outcome) => outcome.ok).length;
    expect(await workingKeys(userId, at(t0, HOUR_S))).toBe(10 - rolls);
  });

  it('holds with 5 rolls without a grace and 5 creates at once on 10 tokens: every roll, no create, exactly 10', async () => {
    const userId = newUserId();
    const t0 = new Date();
    const tokens = await fill(userId, 10, t0);
    const outcomes = await Promise.all([
      ...tokens.slice(0, 5).map((token) => roll(userId, token.id, 0, t0)),
      ...tokens
        .slice(0, 5)
        .map((_, i) =>
          createToken(db, settings, userId, { name: `new ${i}`, scopes: ['cases:read'], expiresAt: null }, t0),
        ),
    ]);
    expect(outcomes.map((outcome) => (outcome.ok ? 'ok' : outcome.reason))).toEqual([
      ...Array(5).fill('ok'),
      ...Array(5).fill('limit_reached'),
    ]);
    expect(await workingKeys(userId, t0)).toBe(10);
    expect((await listTokens(db, userId, t0)).active).toBe(10);
  });
});
