import { randomUUID } from 'node:crypto';
import { emitExpiryEventsHandler } from '../../../functions/emitExpiryEvents';
import { parseConfig } from '../../../lib/config';
import { publisherFor } from '../../../lib/expiry/publish';
import { DAY_MS } from '../../../lib/time';
import { createToken } from '../../../lib/tokens/service';
import { freshTable, settings } from '../../support/db';
import { valueOf } from '../../support/outcome';
import { printedLines } from '../../support/stdout';

describe('the scheduled expiry emitter without an event bus', () => {
  it('logs each due notice as a JSON line, once', async () => {
    const db = await freshTable();
    const config = parseConfig({
      STAGE: 'local',
      TABLE_NAME: db.tableName,
      SESSION_ISSUER: 'issuer',
      SESSION_AUDIENCE: 'audience',
      SESSION_JWKS_URL: 'https://id.example/jwks',
    });
    const userId = `u-${randomUUID()}`;
    const expiresAt = new Date(Date.now() + 2 * DAY_MS);
    const token = valueOf(
      await createToken(db, settings, userId, { name: 'Zapier', scopes: ['cases:read'], expiresAt }, new Date()),
    );
    const handler = emitExpiryEventsHandler(
      () => ({ config, db }),
      ({ config }) => publisherFor(config.expiry.eventBus),
    );
    const event = { source: 'aws.events' } as Parameters<typeof handler>[0];

    const lines = await printedLines(async () => {
      expect(await handler(event)).toEqual({ sent: 1, failed: 0 });
      expect(await handler(event)).toEqual({ sent: 0, failed: 0 });
    });

    expect(lines.filter((line) => line.message === 'Expiry event').map((line) => line.expiryEvent)).toEqual([
      {
        source: 'api-tokens',
        detailType: 'API token expiring',
        time: expect.any(String),
        detail: {
          noticeId: `${token.id}:7`,
          stage: 'local',
          userId,
          tokenId: token.id,
          tokenName: 'Zapier',
          hint: token.hint,
          expiresAt: expiresAt.toISOString(),
          daysLeft: 2,
          threshold: 7,
        },
      },
    ]);
  });
});
