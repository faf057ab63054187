import { createHash } from 'node:crypto';

/** Longer than any cursor made here from short fields; longer input is refused before it is decoded. */
const MAX_CURSOR_LENGTH = 200;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

// Binds the cursor to its user: another user's cursor, or an edited one, fails the check. It is a check,
// not a secret: the partition read is always the session's user, so a forged cursor can reach no other data.
const binding = (userId: string, payload: string): string =>
  createHash('sha256').update(`${userId}\n${payload}`).digest('base64url').slice(0, 22);

/** An opaque cursor of `userId` carrying `fields` (a page's position). */
export const encodeBoundCursor = (userId: string, fields: readonly string[]): string => {
  const payload = Buffer.from(JSON.stringify(fields)).toString('base64url');
  return `${payload}.${binding(userId, payload)}`;
};

/** The fields of a cursor made for `userId`; undefined for anything else: malformed, edited, or another user's. */
export const decodeBoundCursor = (userId: string, cursor: string): string[] | undefined => {
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
  if (!Array.isArray(fields) || !fields.every((field) => typeof field === 'string')) return undefined;
  return fields as string[];
};
