import { randomUUID } from 'node:crypto';
import { generateToken, hashToken } from '../../../../lib/tokens/format';
import { newTokenId } from '../../../../lib/tokens/ids';
import { fixedWindow } from '../../../../lib/tokens/rate-window';
import { createToken, revokeToken } from '../../../../lib/tokens/service';
import { insertToken } from '../../../../lib/tokens/store';
import { DAY_MS } from '../../../../lib/time';
import type { Db } from '../../../../lib/storage/dynamodb';
import { freshTable, settings } from '../../../support/db';
import { valueOf } from '../../../support/outcome';

let db: Db;
beforeAll(async () => {
  db = await freshTable();
});
const input = (name: string, expiresAt: Date | null = null) => ({ name, scopes: ['cases:read'], expiresAt });

describe('unique token names on DynamoDB Local', () => {
  it('refuses a second working token of the same name, whatever its case', async () => {
    const userId = `u-${randomUUID()}`;
    valueOf(await createToken(db, settings, userId, input('Zapier'), new Date()));
    expect(await createToken(db, settings, userId, input('ZAPIER'), new Date())).toEqual({
      ok: false,
      reason: 'name_taken',
    });
  });

  it('lets another user have the same name', async () => {
    valueOf(await createToken(db, settings, `u-${randomUUID()}`, input('Zapier'), new Date()));
    expect((await createToken(db, settings, `u-${randomUUID()}`, input('Zapier'), new Date())).ok).toBe(true);
  });

  it('lets exactly one of ten concurrent creates of one name through', async () => {
    const userId = `u-${randomUUID()}`;
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () => createToken(db, settings, userId, input('Nightly import'), new Date())),
    );
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    expect(outcomes.filter((outcome) => !outcome.ok && outcome.reason === 'name_taken')).toHaveLength(9);
  });

  it('frees the name when its token is revoked', async () => {
    const userId = `u-${randomUUID()}`;
    const first = valueOf(await createToken(db, settings, userId, input('Zapier'), new Date()));
    valueOf(await revokeToken(db, settings, userId, first.id, new Date()));
    expect((await createToken(db, settings, userId, input('zapier'), new Date())).ok).toBe(true);
  });

  it('frees the name when its token expires, and revoking the expired one later leaves the new claim alone', async () => {
    const userId = `u-${randomUUID()}`;
    const then = new Date(Date.now() - 2 * DAY_MS);
    const old = valueOf(
      await createToken(db, settings, userId, input('Zapier', new Date(then.getTime() + DAY_MS)), then),
    );
    valueOf(await createToken(db, settings, userId, input('Zapier'), new Date()));
    valueOf(await revokeToken(db, settings, userId, old.id, new Date()));
    expect(await createToken(db, settings, userId, input('Zapier'), new Date())).toEqual({
      ok: false,
      reason: 'name_taken',
    });
  });

  it("hands a name over to a token that takes it from its working holder (a roll), and the old one's revocation keeps it", async () => {
    const userId = `u-${randomUUID()}`;
    const old = valueOf(await createToken(db, settings, userId, input('Zapier'), new Date()));
    const now = new Date();
    const successor = {
      id: newTokenId(now),
      userId,
      name: 'Zapier',
      scopes: ['cases:read'],
      createdAt: now.toISOString(),
      expiresAt: null,
      lastUsedAt: null,
      keyHash: hashToken(generateToken(settings)),
    };
    const options = {
      maxActive: 10,
      createRate: { max: 20, window: fixedWindow(now, 3600) },
      now,
      expireItemsAt: null,
    };
    expect(await insertToken(db, { ...successor, id: newTokenId(now) }, options)).toBe('name_taken');
    expect(await insertToken(db, successor, { ...options, takeNameFrom: old.id })).toBe('created');
    valueOf(await revokeToken(db, settings, userId, old.id, new Date()));
    expect(await createToken(db, settings, userId, input('Zapier'), new Date())).toEqual({
      ok: false,
      reason: 'name_taken',
    });
  });
});
