import { randomUUID } from 'node:crypto';
import { readAuditPage, recordAuditEntry } from '../../../../lib/audit/store';
import type { AuditEntry } from '../../../../lib/audit/types';
import type { Db } from '../../../../lib/storage/dynamodb';
import { keys } from '../../../../lib/storage/keys';
import { queryAll } from '../../../../lib/storage/query';
import { freshTable } from '../../../support/db';

let db: Db;
beforeEach(async () => {
  db = await freshTable();
});

const entry = (minute: number, action: AuditEntry['action'] = 'created'): AuditEntry => ({
  at: new Date(Date.UTC(2026, 10, 23, 12, minute)).toISOString(),
  action,
  tokenId: randomUUID(),
  tokenName: `token ${minute}`,
  actor: 'alice',
  ip: '127.0.0.2',
});

describe('audit trail storage', () => {
  it('pages a user’s entries newest first and keeps other users’ apart', async () => {
    const written = [entry(1), entry(2, 'revoked'), entry(3, 'disabled'), { ...entry(4), url: 'https://x.test/a' }];
    for (const e of written) await recordAuditEntry(db, 'alice', e, 365);
    await recordAuditEntry(db, 'bob', entry(5), 365);
    const first = await readAuditPage(db, 'alice', 3, undefined);
    expect(first.entries).toEqual([written[3], written[2], written[1]]);
    const second = await readAuditPage(db, 'alice', 3, first.next);
    expect(second).toEqual({ entries: [written[0]], next: undefined });
  });

  it('lets DynamoDB delete an entry the retention period after the change', async () => {
    const e = entry(0);
    await recordAuditEntry(db, 'alice', e, 365);
    const [item] = await queryAll(db, {
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.auditTrail('alice') },
    });
    expect(item?.ttl).toBe(Date.parse(e.at) / 1000 + 365 * 86_400);
  });
});
