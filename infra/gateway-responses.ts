// How API Gateway renders requests refused before a Lambda runs, in the contract's error shape.
// serverless.yml turns these into GatewayResponse resources (through gateway-responses.cjs); the local
// authentication provider renders them the same way under serverless-offline, which does not apply them.
import { errorBody, ERRORS, type ErrorCode } from '../lib/contract';

// Every type API Gateway renders on a REST API but those left to the defaults: EXPIRED_TOKEN, INVALID_API_KEY,
// INVALID_SIGNATURE and WAF_FILTERED (no IAM auth, API keys or WAF here), and UNSUPPORTED_MEDIA_TYPE.
export type GatewayResponseType =
  | 'ACCESS_DENIED'
  | 'UNAUTHORIZED'
  | 'AUTHORIZER_FAILURE'
  | 'AUTHORIZER_CONFIGURATION_ERROR'
  | 'MISSING_AUTHENTICATION_TOKEN'
  | 'RESOURCE_NOT_FOUND'
  | 'BAD_REQUEST_BODY'
  | 'BAD_REQUEST_PARAMETERS'
  | 'REQUEST_TOO_LARGE'
  | 'THROTTLED'
  | 'QUOTA_EXCEEDED'
  | 'API_CONFIGURATION_ERROR'
  | 'INTEGRATION_FAILURE'
  | 'INTEGRATION_TIMEOUT'
  | 'DEFAULT_4XX'
  | 'DEFAULT_5XX';

interface GatewayResponse {
  /** Fixed for the type; absent for the defaults, which keep the status of the error. */
  statusCode?: number;
  template: string;
  /** Extra response headers with fixed values. */
  headers?: Record<string, string>;
}

const errorJson = (code: ErrorCode): string => JSON.stringify(errorBody(code));

const fixed = (code: ErrorCode, headers?: Record<string, string>): GatewayResponse => ({
  statusCode: ERRORS[code].status,
  template: errorJson(code),
  ...(headers === undefined ? {} : { headers }),
});

// Authorizer contexts hold only the contract's codes and messages built from configuration, so they need no escaping.
const fromAuthorizer = '{"code":"$context.authorizer.code","message":"$context.authorizer.message"}';

export const responses: Record<GatewayResponseType, GatewayResponse> = {
  // Every authorizer Deny: its context carries the contract's code and message.
  ACCESS_DENIED: { statusCode: ERRORS.insufficient_scope.status, template: fromAuthorizer },
  // No Authorization header at all: API Gateway refuses before calling the authorizer.
  UNAUTHORIZED: fixed('token_missing'),
  // The authorizer threw or timed out: above all when the table did not answer, so the client may retry.
  AUTHORIZER_FAILURE: fixed('service_unavailable'),
  AUTHORIZER_CONFIGURATION_ERROR: fixed('service_unavailable'),
  // A REST API's answer to a path or method it does not have (403 unless rendered otherwise).
  MISSING_AUTHENTICATION_TOKEN: fixed('route_not_found'),
  RESOURCE_NOT_FOUND: fixed('route_not_found'),
  BAD_REQUEST_BODY: fixed('invalid_request'),
  BAD_REQUEST_PARAMETERS: fixed('invalid_request'),
  REQUEST_TOO_LARGE: fixed('payload_too_large'),
  // Stage throttling refills its bucket every second; the gateway cannot compute a longer wait.
  THROTTLED: fixed('rate_limited', { 'Retry-After': '1' }),
  // Usage plans' quotas (none configured here) reset at a period's end, which no gateway variable holds.
  QUOTA_EXCEEDED: fixed('rate_limited'),
  API_CONFIGURATION_ERROR: fixed('internal_error'),
  INTEGRATION_FAILURE: fixed('internal_error'),
  // The integration did not answer within API Gateway's limit: a retry may succeed.
  INTEGRATION_TIMEOUT: fixed('service_unavailable'),
  // The fallbacks keep the error's own status; their messages are fixed, as the error's text may quote the request.
  DEFAULT_4XX: { template: errorJson('invalid_request') },
  DEFAULT_5XX: { template: errorJson('internal_error') },
};

const resourceName = (type: string): string =>
  `GatewayResponse${type
    .toLowerCase()
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('')}`;

/** The GatewayResponse resources of the REST API, for serverless.yml's `resources`. */
export const cloudFormation = {
  Resources: Object.fromEntries(
    Object.entries(responses).map(([type, { statusCode, template, headers = {} }]) => [
      resourceName(type),
      {
        Type: 'AWS::ApiGateway::GatewayResponse',
        Properties: {
          RestApiId: { Ref: 'ApiGatewayRestApi' },
          ResponseType: type,
          ...(statusCode === undefined ? {} : { StatusCode: String(statusCode) }),
          ResponseParameters: {
            'gatewayresponse.header.Content-Type': "'application/json'",
            'gatewayresponse.header.Cache-Control': "'no-store'",
            ...Object.fromEntries(
              Object.entries(headers).map(([name, value]) => [`gatewayresponse.header.${name}`, `'${value}'`]),
            ),
          },
          ResponseTemplates: { 'application/json': template },
        },
      },
    ]),
  ),
};

/** The status (undefined for the defaults), body and extra headers API Gateway would send for `type`, with `$context.authorizer.*` filled from `context`. */
export const render = (
  type: GatewayResponseType,
  context: Record<string, unknown> = {},
): { statusCode: number | undefined; body: string; headers: Record<string, string> } => {
  const { statusCode, template, headers = {} } = responses[type];
  const body = template.replace(/\$context\.authorizer\.(\w+)/g, (_, name: string) => String(context[name] ?? ''));
  return { statusCode, body, headers };
};
