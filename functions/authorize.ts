import type { Context } from 'aws-lambda';
import {
  authorizerRequest,
  authorizerResponse,
  type AuthorizerEvent,
  type AuthorizerRequest,
  type AuthorizerResult,
} from '../gateway/authorizer-events';
import { logContext } from '../gateway/lambda-context';
import { errorBody, type ErrorBody } from '../lib/contract';
import { bearerCredential } from '../lib/http/bearer';
import { refusalError, unmappedRouteError } from '../lib/http/refusals';
import { logDecision, logFailedDecision } from '../lib/decision-log';
import { routeNeed } from '../lib/routes/requirement';
import { runtimeDeps, type Deps } from '../lib/runtime';
import type { KeyRecord } from '../lib/tokens/types';
import { verifyToken } from '../lib/tokens/verify';
import { findKeyRecordingUse } from '../lib/usage/record';

/** A presented token the table knows: its id and owner go into the decision's log line. */
type KnownToken = Pick<KeyRecord, 'tokenId' | 'userId'>;

const routeKey = (request: AuthorizerRequest): string => `${request.method} ${request.route}`;

/** Where a decision's log line comes from: the request, and what is known of the presented token. */
const decided = (request: AuthorizerRequest, keyHash?: string, key?: KnownToken) => ({
  route: routeKey(request),
  requestId: request.requestId,
  sourceIp: request.sourceIp,
  ...(keyHash === undefined ? {} : { tokenKey: keyHash.slice(0, 8) }),
  ...(key === undefined ? {} : { tokenId: key.tokenId, userId: key.userId }),
});

/** A Deny carrying the contract's error, and its log line with the reason (HTTP APIs show clients no reason). */
const refuse = (request: AuthorizerRequest, error: ErrorBody, reason: string, keyHash?: string, key?: KnownToken) => {
  logDecision({ outcome: 'deny', reason, code: error.code, ...decided(request, keyHash, key) });
  return authorizerResponse(request, { allow: false, principalId: 'anonymous', context: { ...error } });
};

/**
 * The authorizer of the protected API, for REST REQUEST authorizers and HTTP API Lambda authorizers
 * (payload 1.0, and 2.0 with simple responses). What a route needs comes from the route policy; a route
 * it does not map is refused. On a REST API a Deny's context feeds the GatewayResponses.
 */
export const authorizerHandler =
  (deps: () => Deps) =>
  async <E extends AuthorizerEvent>(event: E, context?: Context): Promise<AuthorizerResult<E>> => {
    logContext(context);
    const request = authorizerRequest(event);
    try {
      return (await authorize(deps, request)) as AuthorizerResult<E>;
    } catch (error) {
      // API Gateway answers AUTHORIZER_FAILURE; the line says which request and why.
      logFailedDecision(decided(request), error);
      throw error;
    }
  };

const authorize = async (deps: () => Deps, request: AuthorizerRequest) => {
  const presented = bearerCredential(request.authorization);
  if (presented === undefined) {
    return refuse(request, errorBody('token_missing'), 'token_missing');
  }
  const { config, db } = deps();
  const requirement = routeNeed(config.routes, request);
  if (requirement === 'unmapped') return refuse(request, unmappedRouteError, 'unmapped_route');
  const now = new Date();
  const use = { at: now, requestId: request.requestId, ip: request.sourceIp, route: routeKey(request), requirement };
  let presentedKey: string | undefined;
  const findKey = (keyHash: string) => {
    presentedKey = keyHash;
    return findKeyRecordingUse(db, { ...use, keyHash });
  };
  const verdict = await verifyToken({ format: config.tokens, findKey }, presented, requirement, now);
  if (!verdict.valid) return refuse(request, refusalError(verdict), verdict.reason, presentedKey, verdict.key);
  logDecision({ outcome: 'allow', reason: 'valid', ...decided(request, presentedKey, verdict) });
  return authorizerResponse(request, {
    allow: true,
    principalId: verdict.userId,
    context: {
      userId: verdict.userId,
      tokenId: verdict.tokenId,
      // OAuth's space-separated `scope`; serverless-offline would overwrite a context key named `scopes`.
      scope: verdict.scopes.join(' '),
    },
  });
};

export const handler = authorizerHandler(runtimeDeps);
