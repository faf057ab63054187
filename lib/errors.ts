/** Every error code of the HTTP contract, with the status it answers with. */
export const errorStatus = {
  invalid_request: 400,
  token_missing: 401,
  token_invalid: 401,
  token_expired: 401,
  // API Gateway renders every authorizer Deny with one status (ACCESS_DENIED), so this is 401 too.
  insufficient_scope: 401,
  session_required: 401,
  token_not_found: 404,
  route_not_found: 404,
  token_limit_reached: 409,
  internal_error: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export const errorMessages = {
  tokenInvalid: 'Invalid access token provided',
  tokenExpired: 'API token has expired',
  tokenLimitReached: 'Maximum number of API tokens reached',
  tokenMissing: 'A bearer API token is required',
  sessionRequired: 'A valid session is required',
  tokenNotFound: 'No such token',
  internal: 'Internal server error',
} as const;

/** The one error type of the service: a contract error code and a message safe to show. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get status(): number {
    return errorStatus[this.code];
  }
}
