import { errorBody, ERRORS, type ErrorCode } from '../contract';
import { ApiError } from '../errors';
import { databaseUnavailable } from '../storage/unavailable';

export interface HttpResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A fault behind an error answer, for the log: the contract's own refusals have none. */
export interface Fault {
  level: 'warn' | 'error';
  message: string;
}

export const ok = (body: unknown, status = 200): HttpResult => ({ status, body });

const contractError = (code: ErrorCode): HttpResult => ({ status: ERRORS[code].status, body: errorBody(code) });

/**
 * The one mapping from errors to HTTP: contract errors as they are, a database that did not answer
 * as a 503 (the client may retry), anything else as a 500; the last two with the fault to log.
 */
export const errorAnswer = (error: unknown): { result: HttpResult; fault?: Fault } => {
  if (error instanceof ApiError) {
    const body = errorBody(error.code, error.message);
    const retryAfter = error.retryAfterSeconds;
    return {
      result:
        retryAfter === undefined
          ? { status: error.status, body }
          : { status: error.status, body, headers: { 'retry-after': String(retryAfter) } },
    };
  }
  if (databaseUnavailable(error)) {
    return { result: contractError('service_unavailable'), fault: { level: 'warn', message: 'Database unavailable' } };
  }
  return { result: contractError('internal_error'), fault: { level: 'error', message: 'Unhandled error' } };
};
