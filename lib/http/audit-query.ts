import { decodeAuditCursor } from '../audit/cursor';
import { badCursor, knownParameters, type QueryString } from './query-string';

/** Where `GET /audit` starts, from `?cursor=` (a cursor given to `userId`): undefined for the newest entries. */
export const auditPageStart = (userId: string, queryString: QueryString): string | undefined => {
  const { cursor } = knownParameters(queryString, ['cursor'], 'cursor');
  if (cursor === undefined) return undefined;
  const after = decodeAuditCursor(userId, cursor);
  if (after === undefined) {
    throw badCursor();
  }
  return after;
};
