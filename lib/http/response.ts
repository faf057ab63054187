import { errorBody, ERRORS, type ErrorCode } from '../contract';
import { ApiError } from '../errors';
import { logger } from '../log';
import { databaseUnavailable } from '../storage/unavailable';

export interface HttpResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export const ok = (body: unknown, status = 200): HttpResult => ({ status, body });

const contractError = (code: ErrorCode): HttpResult => ({ status: ERRORS[code].status, body: errorBody(code) });

/**
 * The one mapping from errors to HTTP: contract errors as they are, a database that did not answer
 * as a logged 503 (the client may retry), anything else as a logged 500.
 */
export const errorResult = (error: unknown): HttpResult => {
  if (error instanceof ApiError) {
    const body = errorBody(error.code, error.message);
    const retryAfter = error.retryAfterSeconds;
    return retryAfter === undefined
      ? { status: error.status, body }
      : { status: error.status, body, headers: { 'retry-after': String(retryAfter) } };
  }
  if (databaseUnavailable(error)) {
    logger.warn('Database unavailable', error instanceof Error ? error : String(error));
    return contractError('service_unavailable');
  }
  logger.error('Unhandled error', error instanceof Error ? error : String(error));
  return contractError('internal_error');
};
