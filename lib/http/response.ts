import { ERRORS, type ErrorBody } from '../contract';
import { ApiError } from '../errors';
import { logger } from '../log';

export interface HttpResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export const ok = (body: unknown, status = 200): HttpResult => ({ status, body });

/** The one mapping from errors to HTTP: contract errors as they are, anything else as a logged 500. */
export const errorResult = (error: unknown): HttpResult => {
  if (error instanceof ApiError) {
    const body: ErrorBody = { code: error.code, message: error.message };
    const retryAfter = error.retryAfterSeconds;
    return retryAfter === undefined
      ? { status: error.status, body }
      : { status: error.status, body, headers: { 'retry-after': String(retryAfter) } };
  }
  logger.error('Unhandled error', error instanceof Error ? error : String(error));
  const body: ErrorBody = { code: 'internal_error', message: ERRORS.internal_error.message };
  return { status: ERRORS.internal_error.status, body };
};
