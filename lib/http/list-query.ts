import { TOKEN_PAGE_SIZE } from '../contract';
import { ApiError } from '../errors';
import { decodeListCursor } from '../tokens/list-cursor';
import type { PageRequest } from '../tokens/service';

/** A query string as API Gateway hands it over: each name's last value, and all of its values. */
export interface QueryString {
  single: Record<string, string | undefined> | null;
  multi: Record<string, string[] | undefined> | null;
}

const PARAMETERS = new Set(['pageSize', 'cursor']);
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
export const tokenPageRequest = (userId: string, { single, multi }: QueryString): PageRequest => {
  const query = single ?? {};
  if (Object.keys(query).some((name) => !PARAMETERS.has(name))) {
    throw new ApiError('invalid_request', 'Unknown query parameter: this route takes pageSize and cursor');
  }
  if (Object.values(multi ?? {}).some((values) => (values?.length ?? 0) > 1)) {
    throw new ApiError('invalid_request', 'Each query parameter may be given once');
  }
  const size = pageSize(query.pageSize);
  if (query.cursor === undefined) return { size };
  const from = decodeListCursor(userId, query.cursor);
  if (from === undefined) {
    throw new ApiError('invalid_request', 'cursor: must be the next cursor of an earlier page, as it was given');
  }
  return { size, from };
};
