import { decodeBoundCursor, encodeBoundCursor } from '../storage/bound-cursor';

// An audit entry's sort key: its ISO-8601 instant and a UUID (lib/storage/keys.ts auditEntry).
const ENTRY_SK =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z#[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The opaque `next` of `GET /audit`: the page after the entry of sort key `after`, for `userId` only. */
export const encodeAuditCursor = (userId: string, after: string): string => encodeBoundCursor(userId, ['audit', after]);

/** The sort key a cursor of `userId` continues after; undefined for anything else (malformed, edited, another user's). */
export const decodeAuditCursor = (userId: string, cursor: string): string | undefined => {
  const fields = decodeBoundCursor(userId, cursor);
  if (fields?.length !== 2 || fields[0] !== 'audit') return undefined;
  const after = fields[1];
  return after !== undefined && ENTRY_SK.test(after) ? after : undefined;
};
