import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import type { ExpiryNotice, TokenNotice } from '../../../../lib/contract';
import { emitExpiryEvents, type ExpirySettings } from '../../../../lib/expiry/emit';
import type { ExpiryPublisher } from '../../../../lib/expiry/publish';
import { revokeLeakedTokens } from '../../../../lib/leaks/revoke';
import { listNotices } from '../../../../lib/notices/service';
import type { Db } from '../../../../lib/storage/dynamodb';
import { keys } from '../../../../lib/storage/keys';
import { DAY_MS, HOUR_MS } from '../../../../lib/time';
import { createToken, revokeToken } from '../../../../lib/tokens/service';
import { freshTable, settings } from '../../../support/db';
import { valueOf } from '../../../support/outcome';

const expiryOnly = (notices: TokenNotice[]): ExpiryNotice[] =>
  notices.filter((notice): notice is ExpiryNotice => notice.kind !== 'revoked_leaked');

const EXPIRY = { warningDays: [30, 7, 1], stage: 'test', auditRetentionDays: 365 } satisfies ExpirySettings;
// Tomorrow, 09:30 UTC: DynamoDB Local deletes items whose TTL has passed, so the clock starts after the real one.
const CREATED = new Date((Math.floor(Date.now() / DAY_MS) + 1) * DAY_MS + 9.5 * HOUR_MS);
const EXPIRES = new Date(CREATED.getTime() + 60 * DAY_MS);
const at = (beforeExpiry: number): Date => new Date(EXPIRES.getTime() - beforeExpiry);
const THRESHOLDS = [at(30 * DAY_MS), at(7 * DAY_MS), at(DAY_MS), at(0)];

/** A publisher that yields before it accepts, so that two runs interleave; `failures` publishes are refused first. */
const publisher = (failures = 0): ExpiryPublisher => {
  let refuse = failures;
  return {
    publish: async () => {
      await new Promise((resolve) => setImmediate(resolve));
      if (refuse > 0) {
        refuse--;
        throw new Error('EventBridge unavailable');
      }
    },
  };
};

/** Every notice item of the user, whatever its age: what the table holds, not what the route shows. */
const noticeItems = async (userId: string) =>
  (
    await db.client.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.notices(userId) },
      }),
    )
  ).Items ?? [];

let db: Db;
beforeEach(async () => {
  db = await freshTable();
});

const newToken = async (userId: string, name = 'Zapier', expiresAt = EXPIRES) =>
  valueOf(await createToken(db, settings, userId, { name, scopes: ['cases:read'], expiresAt }, CREATED));

describe('the in-app expiry notices the emitter writes', () => {
  it('writes one notice per notice sent, with what its event said, however often the emitter runs', async () => {
    const userId = `u-${randomUUID()}`;
    const token = await newToken(userId);
    for (const now of THRESHOLDS) {
      await emitExpiryEvents(db, publisher(), EXPIRY, now);
      await emitExpiryEvents(db, publisher(), EXPIRY, now);
      await emitExpiryEvents(db, publisher(), EXPIRY, new Date(now.getTime() + HOUR_MS));
    }
    expect(await noticeItems(userId)).toHaveLength(4);
    const notices = expiryOnly((await listNotices(db, userId, at(0))).notices);
    expect(notices.map((notice) => [notice.kind, notice.threshold, notice.daysLeft])).toEqual([
      ['expired', 0, 0],
      ['expiring', 1, 1],
      ['expiring', 7, 7],
      ['expiring', 30, 30],
    ]);
    expect(notices[2]).toEqual({
      noticeId: `${token.id}:7`,
      kind: 'expiring',
      at: at(7 * DAY_MS).toISOString(),
      tokenId: token.id,
      tokenName: 'Zapier',
      hint: token.hint,
      expiresAt: EXPIRES.toISOString(),
      daysLeft: 7,
      threshold: 7,
    });
  });

  it('writes each notice once when two emitters run at the same time', async () => {
    const userId = `u-${randomUUID()}`;
    const tokens = await Promise.all([1, 2, 3, 4].map((n) => newToken(userId, `token ${n}`)));
    for (const now of THRESHOLDS) {
      await Promise.all([
        emitExpiryEvents(db, publisher(), EXPIRY, now),
        emitExpiryEvents(db, publisher(), EXPIRY, now),
      ]);
    }
    const ids = (await noticeItems(userId)).map((item) => String(item.noticeId)).sort();
    expect(ids).toEqual(tokens.flatMap((token) => [1, 7, 30, 'expired'].map((t) => `${token.id}:${t}`)).sort());
  });

  it('writes no notice while the event is not published, and one once it is', async () => {
    const userId = `u-${randomUUID()}`;
    await newToken(userId);
    const refusing = publisher(1);
    const now = at(7 * DAY_MS);
    await emitExpiryEvents(db, refusing, EXPIRY, now);
    expect(await noticeItems(userId)).toEqual([]);
    await emitExpiryEvents(db, refusing, EXPIRY, new Date(now.getTime() + HOUR_MS));
    expect((await noticeItems(userId)).map((item) => item.noticeId)).toEqual([expect.stringMatching(/:7$/)]);
  });

  it('keeps each notice 30 days (TTL) and shows only those of the last 30 days', async () => {
    const userId = `u-${randomUUID()}`;
    await newToken(userId);
    await emitExpiryEvents(db, publisher(), EXPIRY, at(30 * DAY_MS));
    const [item] = await noticeItems(userId);
    expect(item?.ttl).toBe(Math.floor(at(0).getTime() / 1000));
    expect((await listNotices(db, userId, new Date(at(0).getTime() - 1000))).notices).toHaveLength(1);
    expect((await listNotices(db, userId, new Date(at(0).getTime() + 1000))).notices).toEqual([]);
  });

  it('shows the newest 20 notices, and never another user’s', async () => {
    const alice = `u-${randomUUID()}`;
    const bob = `u-${randomUUID()}`;
    // Ten tokens (the limit), three notices each: more than the route shows.
    for (let i = 0; i < 10; i++) await newToken(alice, `token ${i}`);
    await newToken(bob, 'Bob’s');
    for (const now of THRESHOLDS.slice(0, 3)) await emitExpiryEvents(db, publisher(), EXPIRY, now);
    const notices = expiryOnly((await listNotices(db, alice, at(DAY_MS))).notices);
    expect(notices).toHaveLength(20);
    expect(notices.map((notice) => notice.threshold)).toEqual([...Array(10).fill(1), ...Array(10).fill(7)]);
    expect(notices.every((notice, i) => i === 0 || notice.at <= (notices[i - 1]?.at ?? ''))).toBe(true);
    expect(notices.map((notice) => notice.tokenName)).not.toContain('Bob’s');
    expect((await listNotices(db, bob, at(DAY_MS))).notices.map((notice) => notice.tokenName)).toEqual([
      'Bob’s',
      'Bob’s',
      'Bob’s',
    ]);
  });
});

describe('the in-app notice of a leak report', () => {
  const reporter = { actor: 'github-secret-scanning', ip: '203.0.113.7' } as const;
  const config = { tokens: settings, audit: { retentionDays: 365 } };

  it('is written with the revocation, once however often the token is reported, and names who and where', async () => {
    const userId = `u-${randomUUID()}`;
    const now = new Date();
    const token = valueOf(
      await createToken(db, settings, userId, { name: 'In a gist', scopes: ['*:read'], expiresAt: null }, now),
    );
    const found = [{ token: token.token, url: 'https://gist.github.com/x' }];
    expect(await revokeLeakedTokens(db, config, found, reporter, now)).toHaveLength(1);
    expect(await revokeLeakedTokens(db, config, found, reporter, new Date(now.getTime() + 1_000))).toEqual([]);

    expect(await noticeItems(userId)).toHaveLength(1);
    expect((await listNotices(db, userId, now)).notices).toEqual([
      {
        noticeId: `${token.id}:leaked`,
        kind: 'revoked_leaked',
        at: now.toISOString(),
        tokenId: token.id,
        tokenName: 'In a gist',
        hint: token.hint,
        reporter: 'github-secret-scanning',
        url: 'https://gist.github.com/x',
      },
    ]);
  });

  it('is not written for a token that is not revoked (unknown, or already revoked by its owner)', async () => {
    const userId = `u-${randomUUID()}`;
    const now = new Date();
    const token = valueOf(
      await createToken(db, settings, userId, { name: 'Revoked first', scopes: ['*:read'], expiresAt: null }, now),
    );
    valueOf(await revokeToken(db, settings, userId, token.id, now));
    expect(await revokeLeakedTokens(db, config, [{ token: token.token }], reporter, now)).toEqual([]);
    expect(await noticeItems(userId)).toEqual([]);
  });
});
