import type { APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import type { Requirement } from '../lib/tokens/verify';
import type { UseRecord } from '../lib/usage/store';

// What the authorizer sees (API Gateway's request for `GET /v1/cases`) and what it writes (a use event).

/** What `GET /v1/cases` requires of a token. */
export const CASES_READ: Requirement = { module: 'cases', access: 'read' };

const METHOD_ARN = 'arn:aws:execute-api:us-east-1:123456789012:bench/local/GET/v1/cases';

/** The REQUEST authorizer event API Gateway sends for `GET /v1/cases` with the given bearer token. */
export const casesRequest = (token: string): APIGatewayRequestAuthorizerEvent => ({
  type: 'REQUEST',
  methodArn: METHOD_ARN,
  resource: '/v1/{module}',
  path: '/v1/cases',
  httpMethod: 'GET',
  headers: { Authorization: `Bearer ${token}`, Host: 'bench.example' },
  multiValueHeaders: { Authorization: [`Bearer ${token}`], Host: ['bench.example'] },
  pathParameters: { module: 'cases' },
  queryStringParameters: null,
  multiValueQueryStringParameters: null,
  stageVariables: null,
  requestContext: {
    accountId: '123456789012',
    apiId: 'bench',
    authorizer: undefined,
    protocol: 'HTTP/1.1',
    httpMethod: 'GET',
    identity: {
      accessKey: null,
      accountId: null,
      apiKey: null,
      apiKeyId: null,
      caller: null,
      clientCert: null,
      cognitoAuthenticationProvider: null,
      cognitoAuthenticationType: null,
      cognitoIdentityId: null,
      cognitoIdentityPoolId: null,
      principalOrgId: null,
      sourceIp: '127.0.0.1',
      user: null,
      userAgent: 'bench',
      userArn: null,
    },
    path: '/local/v1/cases',
    stage: 'local',
    requestId: 'bench',
    requestTimeEpoch: Date.now(),
    resourceId: 'bench',
    resourcePath: '/v1/{module}',
  },
});

/** Requests whose id changes on every call, as API Gateway's does, so every recorded use is its own item. */
export const freshRequests = (token: string) => {
  const event = casesRequest(token);
  let count = 0;
  return {
    next: (): APIGatewayRequestAuthorizerEvent => {
      event.requestContext.requestId = `bench-${++count}`;
      return event;
    },
    count: () => count,
  };
};

/** The use event the authorizer writes for one `GET /v1/cases` with a valid token. */
export const casesUse = (keyHash: string, at: Date, requestId: string, ip: string): UseRecord => ({
  keyHash,
  at,
  requestId,
  ip,
  route: 'GET /v1/{module}',
  requirement: CASES_READ,
});
