import { createHash } from 'node:crypto';
import { isTokenId } from './ids';

/** Where a page of expired tokens starts: after this token, or at the newest expired one. */
export type ListPosition = { id: string } | 'first_expired';

/** Longer than any cursor this module makes; longer input is refused before it is decoded. */
const MAX_CURSOR_LENGTH = 200;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

// Binds the cursor to its user: another user's cursor, or an edited one, fails the check. It is a check,
// not a secret: the partition read is always the session's user, so a forged cursor can reach no other data.
const binding = (userId: string, payload: string): string =>
  createHash('sha256').update(`${userId}\n${payload}`).digest('base64url').slice(0, 22);

/** The opaque `next` of `GET /tokens` for `userId`'s following page. */
export const encodeListCursor = (userId: string, position: ListPosition): string => {
  const fields = position === 'first_expired' ? [] : [position.id];
  const payload = Buffer.from(JSON.stringify(fields)).toString('base64url');
  return `${payload}.${binding(userId, payload)}`;
};

/** The position a cursor of `userId` names; undefined for anything else: malformed, edited, or another user's. */
export const decodeListCursor = (userId: string, cursor: string): ListPosition | undefined => {
  if (cursor.length > MAX_CURSOR_LENGTH) return undefined;
  const [payload, check, ...rest] = cursor.split('.');
  if (payload === undefined || check === undefined || rest.length > 0 || !BASE64URL.test(payload)) return undefined;
  if (check !== binding(userId, payload)) return undefined;
  let fields: unknown;
  try {
    fields = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(fields)) return undefined;
  if (fields.length === 0) return 'first_expired';
  const [id] = fields as unknown[];
  if (fields.length !== 1 || typeof id !== 'string' || !isTokenId(id)) return undefined;
  return { id };
};
