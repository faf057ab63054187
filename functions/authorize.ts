import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { config } from '../lib/config';
import { errorMessages } from '../lib/errors';
import { bearerCredential, headerValue } from '../lib/http/bearer';
import { db } from '../lib/storage/dynamodb';
import { accessFor } from '../lib/tokens/scopes';
import { refusalError, verifyToken, type Requirement } from '../lib/tokens/verify';
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
export const handler = async (event: APIGatewayRequestAuthorizerEvent): Promise<APIGatewayAuthorizerResult> => {
  const presented = bearerCredential(headerValue(event.headers, 'authorization'));
  if (presented === undefined) {
    return policy('Deny', 'anonymous', event.methodArn, { code: 'token_missing', message: errorMessages.tokenMissing });
  }
  const module = event.pathParameters?.module;
  const requirement: Requirement = module === undefined ? null : { module, access: accessFor(event.httpMethod) };
  const { tokens } = config();
  const now = new Date();
  const use = {
    at: now,
    requestId: event.requestContext.requestId,
    ip: event.requestContext.identity.sourceIp,
    route: `${event.httpMethod} ${event.resource}`,
    requirement,
  };
  const findKey = (keyHash: string) => findKeyRecordingUse(db(), { ...use, keyHash });
  const verdict = await verifyToken({ format: tokens, findKey }, presented, requirement, now);
  if (!verdict.valid) return policy('Deny', 'anonymous', event.methodArn, refusalError(verdict));
  return policy('Allow', verdict.userId, event.methodArn, {
    userId: verdict.userId,
    tokenId: verdict.tokenId,
    // OAuth's space-separated `scope`; serverless-offline would overwrite a context key named `scopes`.
    scope: verdict.scopes.join(' '),
  });
};
