import { ApiError } from '../errors';

/** A query string as API Gateway hands it over: each name's last value, and all of its values. */
export interface QueryString {
  single: Record<string, string | undefined> | null;
  multi: Record<string, string[] | undefined> | null;
}

/**
 * The parameters of a query string that may hold only `allowed` names, each given once; anything else is a
 * 400 whose message names no text of the request (`takes` says what the route takes).
 */
export const knownParameters = (
  { single, multi }: QueryString,
  allowed: readonly string[],
  takes: string,
): Record<string, string | undefined> => {
  const query = single ?? {};
  if (Object.keys(query).some((name) => !allowed.includes(name))) {
    throw new ApiError('invalid_request', `Unknown query parameter: this route takes ${takes}`);
  }
  if (Object.values(multi ?? {}).some((values) => (values?.length ?? 0) > 1)) {
    throw new ApiError('invalid_request', 'Each query parameter may be given once');
  }
  return query;
};

/** The 400 for a `?cursor=` that is not a `next` this route gave the caller. */
export const badCursor = (): ApiError =>
  new ApiError('invalid_request', 'cursor: must be the next cursor of an earlier page, as it was given');
