import type { APIGatewayRequestAuthorizerEvent } from 'aws-lambda';

export interface AuthorizerRequest {
  token: string;
  method?: string;
  /** The `{module}` path parameter of `/v1/{module}`; undefined for `/v1/whoami`. */
  module?: string;
  sourceIp?: string;
  requestId?: string;
}

/** A REQUEST authorizer event in the shape a REST API sends (as in AWS's published samples), for `/v1/...`. */
export const restAuthorizerEvent = ({
  token,
  method = 'GET',
  module,
  sourceIp = '198.51.100.7',
  requestId = 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
}: AuthorizerRequest): APIGatewayRequestAuthorizerEvent => {
  const resource = module === undefined ? '/v1/whoami' : '/v1/{module}';
  const path = module === undefined ? '/v1/whoami' : `/v1/${module}`;
  const headers = { Authorization: `Bearer ${token}`, Host: 'abcdef1234.execute-api.eu-west-1.amazonaws.com' };
  return {
    type: 'REQUEST',
    methodArn: `arn:aws:execute-api:eu-west-1:123456789012:abcdef1234/prod/${method}${path}`,
    resource,
    path,
    httpMethod: method,
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]])),
    pathParameters: module === undefined ? {} : { module },
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    stageVariables: null,
    requestContext: {
      accountId: '123456789012',
      apiId: 'abcdef1234',
      authorizer: undefined,
      protocol: 'HTTP/1.1',
      httpMethod: method,
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
        sourceIp,
        user: null,
        userAgent: 'Zapier',
        userArn: null,
      },
      path: `/prod${path}`,
      stage: 'prod',
      requestId,
      requestTimeEpoch: Date.now(),
      resourceId: 'x1y2z3',
      resourcePath: resource,
    },
  };
};
