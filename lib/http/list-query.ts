import { TOKEN_PAGE_SIZE } from '../contract';
import { ApiError } from '../errors';
import { decodeListCursor } from '../tokens/list-cursor';
import type { PageRequest } from '../tokens/service';
import { badCursor, knownParameters, type QueryString } from './query-string';

const PARAMETERS = ['pageSize', 'cursor', 'status'];
const DIGITS = /^\d{1,3}$/;

const pageSize = (value: string | undefined): number => {
  if (value === undefined) return TOKEN_PAGE_SIZE.default;
  const size = DIGITS.test(value) ? Number(value) : Number.NaN;
  if (!(size >= TOKEN_PAGE_SIZE.min && size <= TOKEN_PAGE_SIZE.max)) {
    throw new ApiError(
      'invalid_request',
      `pageSize: must be a whole number from ${TOKEN_PAGE_SIZE.min} to ${TOKEN_PAGE_SIZE.max}`,
    );
  }
  return size;
};

/**
 * The page `GET /tokens` asks for, from `?pageSize=` and `?cursor=` (a cursor given to `userId`); anything else
 * in the query string is a 400 whose message names no text of the request.
 */
export const tokenPageRequest = (userId: string, queryString: QueryString): PageRequest => {
  const query = knownParameters(queryString, PARAMETERS, 'pageSize, cursor and status');
  const size = pageSize(query.pageSize);
  if (query.status !== undefined && query.status !== 'revoked') {
    throw new ApiError('invalid_request', 'status: must be revoked, or left out for the tokens that were not revoked');
  }
  const status = query.status === 'revoked' ? { status: 'revoked' as const } : {};
  if (query.cursor === undefined) return { size, ...status };
  const from = decodeListCursor(userId, query.cursor);
  if (from === undefined) {
    throw badCursor();
  }
  return { size, from, ...status };
};
