import { decodeBoundCursor, encodeBoundCursor } from '../storage/bound-cursor';
import { isTokenId } from './ids';

/** Where a page of expired tokens starts: after this token, or at the newest expired one. */
export type ListPosition = { id: string } | 'first_expired';

/** The opaque `next` of `GET /tokens` for `userId`'s following page. */
export const encodeListCursor = (userId: string, position: ListPosition): string =>
  encodeBoundCursor(userId, position === 'first_expired' ? [] : [position.id]);

/** The position a cursor of `userId` names; undefined for anything else: malformed, edited, or another user's. */
export const decodeListCursor = (userId: string, cursor: string): ListPosition | undefined => {
  const fields = decodeBoundCursor(userId, cursor);
  if (fields === undefined) return undefined;
  if (fields.length === 0) return 'first_expired';
  const [id] = fields;
  if (fields.length !== 1 || id === undefined || !isTokenId(id)) return undefined;
  return { id };
};
