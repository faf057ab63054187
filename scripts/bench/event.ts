import type { APIGatewayRequestAuthorizerEvent } from 'aws-lambda';

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
