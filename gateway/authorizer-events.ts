import type {
  APIGatewayAuthorizerResult,
  APIGatewayRequestAuthorizerEvent,
  APIGatewayRequestAuthorizerEventV2,
  APIGatewaySimpleAuthorizerWithContextResult,
} from 'aws-lambda';
import { headerValue } from '../lib/http/bearer';
import type { RouteRequest } from '../lib/routes/requirement';

/**
 * An HTTP API's payload format 1.0: the REST API's REQUEST event with a `version`, and a request context
 * that holds fewer fields (AWS's published sample, apigw-v2-custom-authorizer-v1-request.json).
 */
export interface HttpApiV1AuthorizerEvent extends Omit<
  APIGatewayRequestAuthorizerEvent,
  'requestContext' | 'multiValueHeaders' | 'multiValueQueryStringParameters'
> {
  version: '1.0';
  identitySource?: string;
  authorizationToken?: string;
  requestContext: {
    accountId: string;
    apiId: string;
    httpMethod: string;
    path: string;
    requestId: string;
    resourceId?: string;
    resourcePath: string;
    stage: string;
    identity: { sourceIp: string; apiKey?: string };
  };
}

/** Every event an authorizer of this service is given: REST REQUEST, HTTP API payload 1.0 and 2.0. */
export type AuthorizerEvent =
  APIGatewayRequestAuthorizerEvent | HttpApiV1AuthorizerEvent | APIGatewayRequestAuthorizerEventV2;

export type AuthorizerContext = Record<string, string>;
export type SimpleAuthorizerResult = APIGatewaySimpleAuthorizerWithContextResult<AuthorizerContext>;

/** The answer API Gateway expects for `E`: an IAM policy, or (payload 2.0) a simple response. */
export type AuthorizerResult<E extends AuthorizerEvent> = E extends APIGatewayRequestAuthorizerEventV2
  ? SimpleAuthorizerResult
  : APIGatewayAuthorizerResult;

/** One authorizer request, whichever shape it came in: the route as API Gateway names it, never the raw path. */
export interface AuthorizerRequest extends RouteRequest {
  sourceIp: string;
  requestId: string;
  authorization: string | undefined;
  /** What an IAM policy allows or denies: the method ARN (REST, 1.0) or the route ARN (2.0). */
  arn: string;
  response: 'policy' | 'simple';
}

const isV2 = (event: AuthorizerEvent): event is APIGatewayRequestAuthorizerEventV2 =>
  'version' in event && event.version === '2.0';

/** REST REQUEST and HTTP API 1.0 events: `httpMethod` + `resource`. */
const fromV1 = (event: APIGatewayRequestAuthorizerEvent | HttpApiV1AuthorizerEvent): AuthorizerRequest => ({
  method: event.httpMethod,
  route: event.resource,
  pathParameters: event.pathParameters ?? {},
  sourceIp: event.requestContext.identity.sourceIp,
  requestId: event.requestContext.requestId,
  authorization: headerValue(event.headers, 'authorization'),
  arn: event.methodArn,
  response: 'policy',
});

/** HTTP API 2.0 events: the route key (`GET /v1/{module}`, `ANY /x/{proxy+}`, `$default`). */
const fromV2 = (event: APIGatewayRequestAuthorizerEventV2): AuthorizerRequest => {
  const space = event.routeKey.indexOf(' ');
  return {
    method: event.requestContext.http.method,
    route: space === -1 ? event.routeKey : event.routeKey.slice(space + 1),
    pathParameters: event.pathParameters ?? {},
    sourceIp: event.requestContext.http.sourceIp,
    requestId: event.requestContext.requestId,
    authorization: headerValue(event.headers, 'authorization'),
    arn: event.routeArn,
    response: 'simple',
  };
};

export const authorizerRequest = (event: AuthorizerEvent): AuthorizerRequest =>
  isV2(event) ? fromV2(event) : fromV1(event);

export interface Decision {
  allow: boolean;
  principalId: string;
  context: AuthorizerContext;
}

/** The decision in the shape the request's API expects. */
export const authorizerResponse = (
  request: AuthorizerRequest,
  { allow, principalId, context }: Decision,
): APIGatewayAuthorizerResult | SimpleAuthorizerResult => {
  if (request.response === 'simple') return { isAuthorized: allow, context };
  return {
    principalId,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: allow ? 'Allow' : 'Deny', Resource: request.arn }],
    },
    context,
  };
};
