import { ERRORS, type ErrorCode } from './contract';

/** The one error type of the service: a contract error code and a message safe to show (never request text). */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = ERRORS[code].message,
    /** Sent as `Retry-After` when the refusal passes with time (`rate_limited`). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get status(): number {
    return ERRORS[this.code].status;
  }
}
