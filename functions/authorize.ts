import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { ERRORS } from '../lib/contract';
import { bearerCredential, headerValue } from '../lib/http/bearer';
import { refusalError } from '../lib/http/refusals';
import { runtimeDeps, type Deps } from '../lib/runtime';
import { moduleRequirement } from '../lib/tokens/scopes';
import { verifyToken, type Requirement } from '../lib/tokens/verify';
import { findKeyRecordingUse } from '../lib/usage/record';

const policy = (
  effect: 'Allow' | 'Deny',
  principalId: string,
  resource: string,
  context: Record<string, string>,
): APIGatewayAuthorizerResult => ({
  principalId,
  policyDocument: {
    Version: '2012-10-17',
    Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }],
  },
  context,
});

/** REQUEST authorizer of the protected API: a Deny carries the contract's error, which the GatewayResponses render. */
export const authorizerHandler =
  (deps: () => Deps) =>
  async (event: APIGatewayRequestAuthorizerEvent): Promise<APIGatewayAuthorizerResult> => {
    const presented = bearerCredential(headerValue(event.headers, 'authorization'));
    if (presented === undefined) {
      const { message } = ERRORS.token_missing;
      return policy('Deny', 'anonymous', event.methodArn, { code: 'token_missing', message });
    }
    const { config, db } = deps();
    const segment = event.pathParameters?.module;
    const requirement: Requirement =
      segment === undefined ? null : moduleRequirement(segment, event.httpMethod, config.tokens.modules);
    const now = new Date();
    const use = {
      at: now,
      requestId: event.requestContext.requestId,
      ip: event.requestContext.identity.sourceIp,
      route: `${event.httpMethod} ${event.resource}`,
      requirement,
    };
    const findKey = (keyHash: string) => findKeyRecordingUse(db, { ...use, keyHash });
    const verdict = await verifyToken({ format: config.tokens, findKey }, presented, requirement, now);
    if (!verdict.valid) return policy('Deny', 'anonymous', event.methodArn, { ...refusalError(verdict) });
    return policy('Allow', verdict.userId, event.methodArn, {
      userId: verdict.userId,
      tokenId: verdict.tokenId,
      // OAuth's space-separated `scope`; serverless-offline would overwrite a context key named `scopes`.
      scope: verdict.scopes.join(' '),
    });
  };

export const handler = authorizerHandler(runtimeDeps);
