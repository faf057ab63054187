import type {
  APIGatewayProxyEvent,
  APIGatewayRequestAuthorizerEvent,
  APIGatewayRequestAuthorizerEventV2,
} from 'aws-lambda';
import type { HttpApiV1AuthorizerEvent } from '../../gateway/authorizer-events';

export interface AuthorizerRequest {
  /** No token: no Authorization header. */
  token?: string;
  method?: string;
  /** The `{module}` path parameter of `/v1/{module}`; without it and `resource`, `/v1/whoami`. */
  module?: string;
  /** Another route: its template (`/invoices/{invoiceId}`), with `path` and `pathParameters` to match. */
  resource?: string;
  path?: string;
  pathParameters?: Record<string, string>;
  sourceIp?: string;
  requestId?: string;
}

const API = 'abcdef1234';
const ACCOUNT = '123456789012';
const HOST = `${API}.execute-api.eu-west-1.amazonaws.com`;

/** The route a request names: `/v1/{module}`, `/v1/whoami`, or any other it gives. */
const target = ({ module, resource, path, pathParameters }: AuthorizerRequest) => {
  if (resource !== undefined) return { resource, path: path ?? resource, pathParameters: pathParameters ?? {} };
  if (module !== undefined) return { resource: '/v1/{module}', path: `/v1/${module}`, pathParameters: { module } };
  return { resource: '/v1/whoami', path: '/v1/whoami', pathParameters: {} };
};

const defaults = (request: AuthorizerRequest) => ({
  method: request.method ?? 'GET',
  sourceIp: request.sourceIp ?? '198.51.100.7',
  requestId: request.requestId ?? 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
  authorization: request.token === undefined ? {} : { Authorization: `Bearer ${request.token}` },
  ...target(request),
});

/** A REQUEST authorizer event in the shape a REST API sends (as in AWS's published samples). */
export const restAuthorizerEvent = (request: AuthorizerRequest): APIGatewayRequestAuthorizerEvent => {
  const { method, sourceIp, requestId, authorization, resource, path, pathParameters } = defaults(request);
  const headers = { ...authorization, Host: HOST };
  return {
    type: 'REQUEST',
    methodArn: `arn:aws:execute-api:eu-west-1:${ACCOUNT}:${API}/prod/${method}${path}`,
    resource,
    path,
    httpMethod: method,
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]])),
    pathParameters,
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    stageVariables: null,
    requestContext: {
      accountId: ACCOUNT,
      apiId: API,
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

/** An HTTP API Lambda authorizer event, payload format 1.0 (AWS's apigw-v2-custom-authorizer-v1-request.json). */
export const httpApiV1AuthorizerEvent = (request: AuthorizerRequest): HttpApiV1AuthorizerEvent => {
  const { method, sourceIp, requestId, authorization, resource, path, pathParameters } = defaults(request);
  return {
    version: '1.0',
    type: 'REQUEST',
    methodArn: `arn:aws:execute-api:eu-west-1:${ACCOUNT}:${API}/$default/${method}${path}`,
    identitySource: authorization.Authorization ?? '',
    authorizationToken: authorization.Authorization ?? '',
    resource,
    path,
    httpMethod: method,
    headers: { ...authorization, Host: HOST, 'User-Agent': 'Zapier' },
    queryStringParameters: null,
    pathParameters,
    stageVariables: null,
    requestContext: {
      accountId: ACCOUNT,
      apiId: API,
      httpMethod: method,
      path,
      requestId,
      resourceId: `${method} ${resource}`,
      resourcePath: resource,
      stage: '$default',
      identity: { sourceIp },
    },
  };
};

/**
 * An HTTP API Lambda authorizer event, payload format 2.0 (AWS's apigw-v2-custom-authorizer-v2-request.json):
 * headers in lower case, the route as its route key; `routeKey: '$default'` for the default route.
 */
export const httpApiV2AuthorizerEvent = (
  request: AuthorizerRequest & { routeKey?: string },
): APIGatewayRequestAuthorizerEventV2 => {
  const { method, sourceIp, requestId, authorization, resource, path, pathParameters } = defaults(request);
  const routeKey = request.routeKey ?? `${method} ${resource}`;
  const headers: Record<string, string> = { host: HOST, 'user-agent': 'Zapier' };
  if (authorization.Authorization !== undefined) headers.authorization = authorization.Authorization;
  return {
    version: '2.0',
    type: 'REQUEST',
    routeArn: `arn:aws:execute-api:eu-west-1:${ACCOUNT}:${API}/$default/${method}${path}`,
    identitySource: authorization.Authorization === undefined ? [] : [authorization.Authorization],
    routeKey,
    rawPath: path,
    rawQueryString: '',
    cookies: [],
    headers,
    queryStringParameters: {},
    requestContext: {
      accountId: ACCOUNT,
      apiId: API,
      domainName: HOST,
      domainPrefix: API,
      http: { method, path, protocol: 'HTTP/1.1', sourceIp, userAgent: 'Zapier' },
      requestId,
      routeKey,
      stage: '$default',
      time: '23/Nov/2026:19:03:58 +0000',
      timeEpoch: 1795460638390,
    },
    pathParameters,
    stageVariables: {},
  };
};

/** A REST API proxy event for a handler, with the body as API Gateway delivers it. */
export const restProxyEvent = (overrides: Partial<APIGatewayProxyEvent>): APIGatewayProxyEvent => ({
  resource: '/tokens',
  path: '/tokens',
  httpMethod: 'POST',
  headers: {},
  multiValueHeaders: {},
  body: null,
  isBase64Encoded: false,
  pathParameters: null,
  queryStringParameters: null,
  multiValueQueryStringParameters: null,
  stageVariables: null,
  requestContext: restAuthorizerEvent({}).requestContext as APIGatewayProxyEvent['requestContext'],
  ...overrides,
});
