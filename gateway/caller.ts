import type { Caller } from '../lib/contract';
import { ApiError } from '../lib/errors';
import { insufficientScopeError } from '../lib/http/refusals';
import { allows, type Access } from '../lib/tokens/scopes';

/**
 * What a handler's event holds of the authorizer's answer: a REST API puts its context in
 * `requestContext.authorizer`, an HTTP API in `requestContext.authorizer.lambda`.
 */
export interface AuthorizedEvent {
  requestContext: { authorizer?: unknown };
}

export type Scope = `${string}:${Access}`;

const field = (context: Record<string, unknown>, name: string): string => {
  const value = context[name];
  // A route left outside the authorizer has no caller: a fault of the deployment, never a caller of nobody.
  if (typeof value !== 'string') throw new Error(`No ${name} from the token authorizer: is the route behind it?`);
  return value;
};

const authorizerContext = (event: AuthorizedEvent): Record<string, unknown> => {
  const authorizer = event.requestContext.authorizer;
  if (typeof authorizer !== 'object' || authorizer === null) return {};
  const lambda = (authorizer as { lambda?: unknown }).lambda;
  return (typeof lambda === 'object' && lambda !== null ? lambda : authorizer) as Record<string, unknown>;
};

/**
 * The caller of a route behind the token authorizer: its user, its token and the token's scopes, from a
 * REST API event or an HTTP API event (payload 1.0 or 2.0). The authorizer has already checked the scope
 * the route policy asks for; `requireScope` checks anything finer.
 *
 * @example
 * ```ts
 * import { tokenCaller, requireScope } from '../gateway/caller';
 * import { httpHandler } from '../gateway/http';
 * import { ok } from '../lib/http/response';
 *
 * // GET /invoices/{invoiceId}: the policy asks for invoices:read; the amounts need invoices:write too.
 * export const handler = httpHandler(async (event) => {
 *   const caller = tokenCaller(event);
 *   const invoice = await findInvoice(caller.userId, event.pathParameters?.invoiceId);
 *   if (event.queryStringParameters?.withAmounts === 'true') requireScope(caller, 'invoices:write');
 *   return ok(invoice);
 * });
 * ```
 */
export const tokenCaller = (event: AuthorizedEvent): Caller => {
  const context = authorizerContext(event);
  return {
    userId: field(context, 'userId'),
    tokenId: field(context, 'tokenId'),
    scopes: field(context, 'scope').split(' ').filter(Boolean),
  };
};

/**
 * Throws the contract's `insufficient_scope` error (status 401) unless the caller's scopes allow `scope`:
 * write includes read, `*` covers every module. Pass a scope the handler names, never request text.
 */
export const requireScope = (caller: Caller, scope: Scope): void => {
  const separator = scope.lastIndexOf(':');
  const need = { module: scope.slice(0, separator), access: scope.slice(separator + 1) as Access };
  if (!allows(caller.scopes, need.module, need.access)) {
    const { code, message } = insufficientScopeError(need);
    throw new ApiError(code, message);
  }
};
