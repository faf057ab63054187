import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { emitExpiryEvents } from '../../../../lib/expiry/emit';
import type { ExpiryEvent } from '../../../../lib/expiry/types';
import { keys } from '../../../../lib/storage/keys';
import { DAY_MS, utcDay } from '../../../../lib/time';
import { createToken } from '../../../../lib/tokens/service';
import { backfillExpiryCalendar } from '../../../../ops/expiry-calendar/backfill';
import { freshTable, settings } from '../../../support/db';
import { valueOf } from '../../../support/outcome';

const EXPIRY = { warningDays: [30, 7, 1], stage: 'test', auditRetentionDays: 365 };

describe('backfilling the expiry calendar for tokens made before it', () => {
  it('gives an expiring token its entry, once, without undoing a notice already sent', async () => {
    const db = await freshTable();
    const userId = `u-${randomUUID()}`;
    const now = new Date();
    const expiresAt = new Date(now.getTime() + 3 * DAY_MS);
    const input = { name: 'Old import', scopes: ['cases:read'], expiresAt };
    const token = valueOf(await createToken(db, settings, userId, input, now));
    valueOf(await createToken(db, settings, userId, { ...input, name: 'Forever', expiresAt: null }, now));
    // As the token was before the calendar existed.
    await db.client.send(
      new DeleteCommand({
        TableName: db.tableName,
        Key: keys.expiryEntry(utcDay(expiresAt.getTime()), userId, token.id),
      }),
    );
    const events: ExpiryEvent[] = [];
    const publisher = { publish: async (event: ExpiryEvent) => void events.push(event) };
    expect(await emitExpiryEvents(db, publisher, EXPIRY, now)).toEqual({ sent: 0, failed: 0 });

    expect(await backfillExpiryCalendar(db, now)).toEqual({ tokens: 1, written: 1 });
    expect(await emitExpiryEvents(db, publisher, EXPIRY, now)).toEqual({ sent: 1, failed: 0 });
    expect(await backfillExpiryCalendar(db, now)).toEqual({ tokens: 1, written: 0 });
    expect(await emitExpiryEvents(db, publisher, EXPIRY, now)).toEqual({ sent: 0, failed: 0 });
    expect(events.map((event) => [event.detail.tokenId, event.detail.threshold])).toEqual([[token.id, 7]]);
  });
});
