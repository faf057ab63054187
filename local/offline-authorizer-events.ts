import type { APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import type { HapiRequest } from './hapi';
import { LOCAL_STAGE } from './service-definition';

// The events API Gateway hands a Lambda authorizer, built from a request serverless-offline received.

/** The parts of the request that the events hold. */
export type ReceivedRequest = Pick<HapiRequest, 'method' | 'path' | 'url' | 'headers' | 'query' | 'params' | 'info'>;

const ACCOUNT_ID = '000000000000';
const API_ID = 'offline';
const EXECUTE_API_ARN = `arn:aws:execute-api:us-east-1:${ACCOUNT_ID}:${API_ID}`;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** API Gateway's `requestContext.time`: `12/Mar/2020:19:03:58 +0000`. */
const requestTime = (epochMs: number): string => {
  const at = new Date(epochMs);
  const two = (value: number) => String(value).padStart(2, '0');
  const clock = [at.getUTCHours(), at.getUTCMinutes(), at.getUTCSeconds()].map(two).join(':');
  return `${two(at.getUTCDate())}/${MONTHS[at.getUTCMonth()]}/${at.getUTCFullYear()}:${clock} +0000`;
};

/** Payload 2.0 joins a repeated query parameter's values with commas. */
const queryParameters = (search: URLSearchParams): Record<string, string> | undefined => {
  const keys = [...new Set(search.keys())];
  if (keys.length === 0) return undefined;
  return Object.fromEntries(keys.map((key) => [key, search.getAll(key).join(',')]));
};

/** A REST API's REQUEST authorizer event for `resource` (`/invoices/{invoiceId}`). */
export const restAuthorizerEvent = (request: ReceivedRequest, resource: string) => {
  const method = request.method.toUpperCase();
  return {
    type: 'REQUEST',
    methodArn: `${EXECUTE_API_ARN}/${LOCAL_STAGE}/${method}${request.path}`,
    resource,
    path: request.path,
    httpMethod: method,
    headers: request.headers,
    queryStringParameters: request.query,
    pathParameters: request.params,
    requestContext: {
      resourcePath: resource,
      httpMethod: method,
      path: request.path,
      stage: LOCAL_STAGE,
      requestId: request.info.id,
      identity: { sourceIp: request.info.remoteAddress },
    },
  };
};

/**
 * An HTTP API's payload 2.0 authorizer event for `routeKey` (`DELETE /http/invoices/{invoiceId}`), in the
 * shape of AWS's published sample (aws-lambda-go, apigw-v2-custom-authorizer-v2-request.json), on the
 * `$default` stage serverless deploys HTTP APIs to, with the Authorization header as its identity source.
 */
export const httpApiAuthorizerEvent = (
  request: ReceivedRequest,
  routeKey: string,
): APIGatewayRequestAuthorizerEventV2 => {
  const method = request.method.toUpperCase();
  const search = request.url.searchParams;
  return {
    version: '2.0',
    type: 'REQUEST',
    routeArn: `${EXECUTE_API_ARN}/$default/${method}${request.path}`,
    identitySource: [request.headers.authorization ?? ''],
    routeKey,
    rawPath: request.path,
    rawQueryString: search.toString(),
    cookies: request.headers.cookie?.split('; ') ?? [],
    headers: request.headers,
    queryStringParameters: queryParameters(search),
    requestContext: {
      accountId: ACCOUNT_ID,
      apiId: API_ID,
      domainName: request.info.host,
      domainPrefix: request.info.host.split('.')[0] ?? '',
      http: {
        method,
        path: request.path,
        protocol: 'HTTP/1.1',
        sourceIp: request.info.remoteAddress,
        userAgent: request.headers['user-agent'] ?? '',
      },
      requestId: request.info.id,
      routeKey,
      stage: '$default',
      time: requestTime(request.info.received),
      timeEpoch: request.info.received,
    },
    pathParameters: request.params,
  };
};
