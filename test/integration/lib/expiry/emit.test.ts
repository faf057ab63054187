import { randomUUID } from 'node:crypto';
import { readAuditPage } from '../../../../lib/audit/store';
import { emitExpiryEvents, type ExpirySettings } from '../../../../lib/expiry/emit';
import type { ExpiryPublisher } from '../../../../lib/expiry/publish';
import type { ExpiryEvent } from '../../../../lib/expiry/types';
import type { Db } from '../../../../lib/storage/dynamodb';
import { DAY_MS, HOUR_MS } from '../../../../lib/time';
import { createToken, revokeToken } from '../../../../lib/tokens/service';
import { freshTable, settings } from '../../../support/db';
import { valueOf } from '../../../support/outcome';

const EXPIRY = { warningDays: [30, 7, 1], stage: 'test', auditRetentionDays: 365 } satisfies ExpirySettings;
// Tomorrow, 09:30 UTC: DynamoDB Local deletes items whose TTL has passed, so the clock starts after the real one.
const CREATED = new Date((Math.floor(Date.now() / DAY_MS) + 1) * DAY_MS + 9.5 * HOUR_MS);
const EXPIRES = new Date(CREATED.getTime() + 60 * DAY_MS);
const at = (beforeExpiry: number): Date => new Date(EXPIRES.getTime() - beforeExpiry);

/** A publisher that keeps what it was given; `failures` publishes are refused first. */
const recording = (failures = 0) => {
  const events: ExpiryEvent[] = [];
  let refuse = failures;
  const publisher: ExpiryPublisher = {
    publish: async (event) => {
      // Yield first, so that two runs' claims and publishes interleave.
      await new Promise((resolve) => setImmediate(resolve));
      if (refuse > 0) {
        refuse--;
        throw new Error('EventBridge unavailable');
      }
      events.push(event);
    },
  };
  return { publisher, events };
};

const notices = (events: readonly ExpiryEvent[]) =>
  events.map((event) => `${event.detail.tokenId}:${event.detail.threshold}:${event.detailType}`);

let db: Db;
beforeEach(async () => {
  db = await freshTable();
});

const newToken = async (userId: string, expiresAt: Date | null, name = 'Nightly import') =>
  valueOf(await createToken(db, settings, userId, { name, scopes: ['cases:read'], expiresAt }, CREATED));

describe('expiry notices from the expiry calendar, with a fixed clock', () => {
  it('warns at 30, 7 and 1 days and tells of the expiry, each once, with the documented detail', async () => {
    const userId = `u-${randomUUID()}`;
    const token = await newToken(userId, EXPIRES);
    const { publisher, events } = recording();
    const clock = [
      at(31 * DAY_MS),
      at(30 * DAY_MS),
      at(29 * DAY_MS),
      at(8 * DAY_MS),
      at(7 * DAY_MS - HOUR_MS),
      at(6 * DAY_MS),
      at(DAY_MS - HOUR_MS),
      at(HOUR_MS),
      at(0),
      at(-HOUR_MS),
      at(-3 * DAY_MS),
    ];
    const sentPerRun = [];
    for (const now of clock) sentPerRun.push((await emitExpiryEvents(db, publisher, EXPIRY, now)).sent);
    expect(sentPerRun).toEqual([0, 1, 0, 0, 1, 0, 1, 0, 1, 0, 0]);
    expect(events.map((event) => event.detail)).toEqual([
      expect.objectContaining({ threshold: 30, daysLeft: 30 }),
      expect.objectContaining({ threshold: 7, daysLeft: 7 }),
      expect.objectContaining({ threshold: 1, daysLeft: 1 }),
      expect.objectContaining({ threshold: 0, daysLeft: 0 }),
    ]);
    expect(events.map((event) => event.detailType)).toEqual([
      'API token expiring',
      'API token expiring',
      'API token expiring',
      'API token expired',
    ]);
    expect(events[0]).toEqual({
      source: 'api-tokens',
      detailType: 'API token expiring',
      time: at(30 * DAY_MS).toISOString(),
      detail: {
        noticeId: `${token.id}:30`,
        stage: 'test',
        userId,
        tokenId: token.id,
        tokenName: 'Nightly import',
        hint: token.hint,
        expiresAt: EXPIRES.toISOString(),
        daysLeft: 30,
        threshold: 30,
      },
    });
  });

  it('sends only the nearest threshold to a token made inside a larger one', async () => {
    const userId = `u-${randomUUID()}`;
    await newToken(userId, new Date(CREATED.getTime() + 5 * DAY_MS));
    const { publisher, events } = recording();
    await emitExpiryEvents(db, publisher, EXPIRY, CREATED);
    await emitExpiryEvents(db, publisher, EXPIRY, new Date(CREATED.getTime() + HOUR_MS));
    expect(events.map((event) => [event.detail.threshold, event.detail.daysLeft])).toEqual([[7, 5]]);
  });

  it('emits each notice exactly once when two emitters run at the same time', async () => {
    const userId = `u-${randomUUID()}`;
    const tokens = await Promise.all([1, 2, 3, 4, 5].map((n) => newToken(userId, EXPIRES, `token ${n}`)));
    const [first, second] = [recording(), recording()];
    for (const now of [at(30 * DAY_MS), at(7 * DAY_MS), at(DAY_MS), at(0)]) {
      await Promise.all([
        emitExpiryEvents(db, first.publisher, EXPIRY, now),
        emitExpiryEvents(db, second.publisher, EXPIRY, now),
      ]);
    }
    const all = notices([...first.events, ...second.events]).sort();
    const expected = tokens.flatMap((token) =>
      [
        [30, 'API token expiring'],
        [7, 'API token expiring'],
        [1, 'API token expiring'],
        [0, 'API token expired'],
      ].map(([threshold, type]) => `${token.id}:${threshold}:${type}`),
    );
    expect(all).toEqual(expected.sort());
    const audit = await readAuditPage(db, userId, 100, undefined);
    expect(audit.entries.filter((entry) => entry.action === 'expired')).toHaveLength(tokens.length);
  });

  it('sends a notice whose publish failed on the next run, and then never again', async () => {
    const userId = `u-${randomUUID()}`;
    const token = await newToken(userId, EXPIRES);
    const { publisher, events } = recording(1);
    const now = at(7 * DAY_MS);
    expect(await emitExpiryEvents(db, publisher, EXPIRY, now)).toEqual({ sent: 0, failed: 1 });
    expect(events).toEqual([]);
    expect(await emitExpiryEvents(db, publisher, EXPIRY, new Date(now.getTime() + HOUR_MS))).toEqual({
      sent: 1,
      failed: 0,
    });
    expect(await emitExpiryEvents(db, publisher, EXPIRY, new Date(now.getTime() + 2 * HOUR_MS))).toEqual({
      sent: 0,
      failed: 0,
    });
    expect(notices(events)).toEqual([`${token.id}:7:API token expiring`]);
  });

  it('sends nothing for a revoked token nor for one that never expires', async () => {
    const userId = `u-${randomUUID()}`;
    const revoked = await newToken(userId, EXPIRES, 'revoked');
    await newToken(userId, null, 'forever');
    valueOf(await revokeToken(db, settings, userId, revoked.id, CREATED));
    const { publisher, events } = recording();
    for (const now of [at(30 * DAY_MS), at(7 * DAY_MS), at(DAY_MS), at(0), at(-DAY_MS)])
      await emitExpiryEvents(db, publisher, EXPIRY, now);
    expect(events).toEqual([]);
    expect((await readAuditPage(db, userId, 100, undefined)).entries).toEqual([]);
  });

  it('records the expiry in the owner’s audit trail, once, by the actor `expiry` with no address', async () => {
    const userId = `u-${randomUUID()}`;
    const token = await newToken(userId, EXPIRES);
    const { publisher } = recording();
    await emitExpiryEvents(db, publisher, EXPIRY, at(HOUR_MS));
    expect((await readAuditPage(db, userId, 100, undefined)).entries).toEqual([]);
    await emitExpiryEvents(db, publisher, EXPIRY, at(-HOUR_MS));
    await emitExpiryEvents(db, publisher, EXPIRY, at(-2 * HOUR_MS));
    expect((await readAuditPage(db, userId, 100, undefined)).entries).toEqual([
      {
        at: EXPIRES.toISOString(),
        action: 'expired',
        tokenId: token.id,
        tokenName: 'Nightly import',
        actor: 'expiry',
        ip: null,
      },
    ]);
  });

  it('still tells of an expiry a few days late, after the emitter was down', async () => {
    const userId = `u-${randomUUID()}`;
    const token = await newToken(userId, EXPIRES);
    const { publisher, events } = recording();
    await emitExpiryEvents(db, publisher, EXPIRY, at(-5 * DAY_MS));
    expect(notices(events)).toEqual([`${token.id}:0:API token expired`]);
  });
});
