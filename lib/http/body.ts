import type { z } from 'zod';
import { ApiError } from '../errors';

/** Request bodies above this are refused before parsing. */
export const MAX_BODY_BYTES = 16 * 1024;

/** Parses a JSON request body and validates it; any problem is a 400 that names the field. */
export const parseBody = <S extends z.ZodType>(
  schema: S,
  raw: string | null | undefined,
  maxBytes: number = MAX_BODY_BYTES,
): z.output<S> => {
  if (raw === null || raw === undefined || raw.length === 0)
    throw new ApiError('invalid_request', 'Request body is required');
  if (Buffer.byteLength(raw) > maxBytes)
    throw new ApiError('invalid_request', `Request body exceeds ${maxBytes} bytes`);
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new ApiError('invalid_request', 'Request body is not valid JSON');
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue?.path.length ? issue.path.join('.') : 'body';
    throw new ApiError('invalid_request', `${field}: ${issue?.message ?? 'invalid'}`);
  }
  return result.data;
};
