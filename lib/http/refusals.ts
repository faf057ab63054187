import { errorBody, type ErrorBody, type ErrorCode } from '../contract';
import { ApiError } from '../errors';
import type { Outcome } from '../outcome';
import type { Access } from '../tokens/scopes';
import type { Refusal, Verdict } from '../tokens/verify';

/** The refusals the token and usage services answer with, besides a token's own. */
export type ServiceRefusal = 'limit_reached' | 'rate_limited' | 'not_found' | 'name_taken';

/** Each refusal of the domain as the contract names it. */
const CODES = {
  malformed: 'token_invalid',
  wrong_environment: 'token_invalid',
  unknown: 'token_invalid',
  revoked: 'token_invalid',
  expired: 'token_expired',
  insufficient_scope: 'insufficient_scope',
  limit_reached: 'token_limit_reached',
  rate_limited: 'rate_limited',
  not_found: 'token_not_found',
  name_taken: 'token_name_taken',
  disabled: 'token_disabled',
} as const satisfies Record<Refusal | ServiceRefusal, ErrorCode>;

/**
 * The contract's error for a refused token. The scope it names comes from the route's requirement,
 * which holds configured module names only, never text from the request.
 */
export const refusalError = (verdict: Extract<Verdict, { valid: false }>): ErrorBody => {
  const code = CODES[verdict.reason];
  const need = verdict.reason === 'insufficient_scope' ? verdict.requirement : null;
  if (need) return insufficientScopeError(need);
  return errorBody(code);
};

/** The contract's error for a token that lacks the scope `need` names (a configured one, never request text). */
export const insufficientScopeError = (need: { module: string; access: Access }): ErrorBody => ({
  code: 'insufficient_scope',
  message: `This token lacks the scope ${need.module}:${need.access} that this route requires`,
});

/**
 * The refusal of a route the route policy does not map: no scope reaches it. Its message is fixed and
 * names no scope, since there is none to name; `insufficient_scope` rather than `route_not_found`, as
 * the gateway did find the route (and a REST API renders every Deny with the one status of ACCESS_DENIED).
 */
export const unmappedRouteError: ErrorBody = {
  code: 'insufficient_scope',
  message: 'No token scope reaches this route',
};

/** The value of a service's outcome, or its refusal thrown as the contract's error. */
export const orRefuse = <T>(outcome: Outcome<T, ServiceRefusal>): T => {
  if (!outcome.ok) {
    const code = CODES[outcome.reason];
    throw new ApiError(code, undefined, outcome.retryAfterSeconds);
  }
  return outcome.value;
};
