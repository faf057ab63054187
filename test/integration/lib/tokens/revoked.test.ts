import { randomUUID } from 'node:crypto';
import { readAuditPage } from '../../../../lib/audit/store';
import { revokeLeakedTokens } from '../../../../lib/leaks/revoke';
import type { Db } from '../../../../lib/storage/dynamodb';
import { createToken, listTokens, revokeToken, updateToken } from '../../../../lib/tokens/service';
import { DAY_MS } from '../../../../lib/time';
import { freshTable, settings } from '../../../support/db';
import { valueOf } from '../../../support/outcome';

let db: Db;
beforeAll(async () => {
  db = await freshTable();
});

const source = (actor: string) => ({ actor, ip: '192.0.2.7', retentionDays: 365 });
const input = (name: string, expiresAt: Date | null = null) => ({ name, scopes: ['cases:read'], expiresAt });

describe('revoked tokens kept as listings, on DynamoDB Local', () => {
  it('lists a revoked token that has since expired as revoked only, never among the expired ones', async () => {
    const userId = `u-${randomUUID()}`;
    const then = new Date(Date.now() - 2 * DAY_MS);
    const token = valueOf(
      await createToken(db, settings, userId, input('Old', new Date(then.getTime() + DAY_MS)), then),
    );
    valueOf(await revokeToken(db, settings, userId, token.id, then));
    expect((await listTokens(db, userId, new Date())).tokens).toEqual([]);
    const revoked = await listTokens(db, userId, new Date(), { size: 50, status: 'revoked' });
    expect(revoked.tokens.map((view) => [view.id, view.status, view.revokedAt])).toEqual([
      [token.id, 'revoked', then.toISOString()],
    ]);
  });

  it('pages expired tokens past revoked ones kept among them', async () => {
    const userId = `u-${randomUUID()}`;
    const then = new Date(Date.now() - 2 * DAY_MS);
    const expiry = new Date(then.getTime() + DAY_MS);
    const expired: string[] = [];
    for (let i = 0; i < 6; i++) {
      // A millisecond apart, so that the ids sort in creation order.
      const at = new Date(then.getTime() + i);
      const token = valueOf(await createToken(db, settings, userId, input(`t${i}`, expiry), at));
      if (i % 2 === 0) valueOf(await revokeToken(db, settings, userId, token.id, at));
      else expired.unshift(token.id);
    }
    const first = await listTokens(db, userId, new Date(), { size: 2 });
    expect(first.tokens.map((view) => view.id)).toEqual(expired.slice(0, 2));
    expect(first.next).not.toBeNull();
  });

  it('lets a leak report revoke a token once: the listing is kept, marked, its name freed, one audit entry', async () => {
    const userId = `u-${randomUUID()}`;
    const created = valueOf(await createToken(db, settings, userId, input('Leaky'), new Date(), source(userId)));
    const config = { tokens: settings, audit: { retentionDays: 365 } };
    const reporter = { actor: 'leak-report', ip: '198.51.100.1' } as const;
    const found = [{ token: created.token }];
    expect(await revokeLeakedTokens(db, config, found, reporter, new Date())).toHaveLength(1);
    expect(await revokeLeakedTokens(db, config, found, reporter, new Date())).toHaveLength(0);

    const revoked = await listTokens(db, userId, new Date(), { size: 50, status: 'revoked' });
    expect(revoked.tokens.map((view) => view.id)).toEqual([created.id]);
    expect((await createToken(db, settings, userId, input('Leaky'), new Date())).ok).toBe(true);
    const { entries } = await readAuditPage(db, userId, 50, undefined);
    expect(entries.map((entry) => entry.action)).toEqual(['revoked_leaked', 'created']);
    expect(await updateToken(db, settings, userId, created.id, { disabled: true }, new Date())).toEqual({
      ok: false,
      reason: 'not_found',
    });
  });

  it('writes the audit entry of a change with the change: a refused change writes none', async () => {
    const userId = `u-${randomUUID()}`;
    const first = valueOf(await createToken(db, settings, userId, input('One'), new Date(), source(userId)));
    valueOf(await createToken(db, settings, userId, input('Two'), new Date(), source(userId)));
    expect(await createToken(db, settings, userId, input('one'), new Date(), source(userId))).toMatchObject({
      ok: false,
      reason: 'name_taken',
    });
    const renamed = await updateToken(
      db,
      settings,
      userId,
      first.id,
      { name: 'two', disabled: true },
      new Date(),
      source(userId),
    );
    expect(renamed).toEqual({ ok: false, reason: 'name_taken' });
    const { entries } = await readAuditPage(db, userId, 50, undefined);
    expect(entries.map((entry) => [entry.action, entry.tokenName, entry.actor, entry.ip])).toEqual([
      ['created', 'Two', userId, '192.0.2.7'],
      ['created', 'One', userId, '192.0.2.7'],
    ]);
  });
});
