import { ApiError, errorMessages } from '../errors';
import { logger } from '../log';

export interface HttpResult {
  status: number;
  body?: unknown;
}

export const ok = (body: unknown, status = 200): HttpResult => ({ status, body });

/** The one mapping from errors to HTTP: contract errors as they are, anything else as a logged 500. */
export const errorResult = (error: unknown): HttpResult => {
  if (error instanceof ApiError) return { status: error.status, body: { code: error.code, message: error.message } };
  logger.error('Unhandled error', error instanceof Error ? error : String(error));
  return { status: 500, body: { code: 'internal_error', message: errorMessages.internal } };
};
