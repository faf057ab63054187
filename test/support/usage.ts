import { randomUUID } from 'node:crypto';
import type { Db } from '../../lib/storage/dynamodb';
import { hashToken } from '../../lib/tokens/format';
import { createToken } from '../../lib/tokens/service';
import { DAY_MS } from '../../lib/time';
import { settings } from './db';
import { valueOf } from './outcome';

/** A token of a new user, created 40 days ago and never expiring, with the key hash its use events carry. */
export const newUsableToken = async (db: Db, scopes = ['cases:read']) => {
  const userId = `u-${randomUUID()}`;
  const created = valueOf(
    await createToken(
      db,
      settings,
      userId,
      { name: 'Mailchimp sync', scopes, expiresAt: null },
      new Date(Date.now() - 40 * DAY_MS),
    ),
  );
  return { userId, ...created, keyHash: hashToken(created.token) };
};
