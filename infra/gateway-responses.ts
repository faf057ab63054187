// How API Gateway renders requests refused before a Lambda runs, in the contract's error shape.
// serverless.yml turns these into GatewayResponse resources (through gateway-responses.cjs); the local
// authentication provider renders them the same way under serverless-offline, which does not apply them.
import { ERRORS, type ErrorCode } from '../lib/contract';

export type GatewayResponseType =
  | 'ACCESS_DENIED'
  | 'UNAUTHORIZED'
  | 'AUTHORIZER_FAILURE'
  | 'AUTHORIZER_CONFIGURATION_ERROR'
  | 'MISSING_AUTHENTICATION_TOKEN'
  | 'DEFAULT_4XX'
  | 'DEFAULT_5XX';

interface GatewayResponse {
  /** Fixed for the type; absent for the defaults, which keep the status of the error. */
  statusCode?: number;
  template: string;
}

const fixed = (code: ErrorCode): GatewayResponse => ({
  statusCode: ERRORS[code].status,
  template: JSON.stringify({ code, message: ERRORS[code].message }),
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
  MISSING_AUTHENTICATION_TOKEN: fixed('route_not_found'),
  DEFAULT_4XX: { template: '{"code":"invalid_request","message":$context.error.messageString}' },
  DEFAULT_5XX: { template: '{"code":"internal_error","message":$context.error.messageString}' },
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
    Object.entries(responses).map(([type, { statusCode, template }]) => [
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
          },
          ResponseTemplates: { 'application/json': template },
        },
      },
    ]),
  ),
};

/**
 * The body API Gateway would send for `type`, with `$context.authorizer.*` filled from `context`
 * and `$context.error.messageString` (a quoted JSON string) from `message`.
 */
export const render = (
  type: GatewayResponseType,
  context: Record<string, unknown> = {},
  message = '',
): { statusCode: number | undefined; body: string } => {
  const { statusCode, template } = responses[type];
  const body = template
    .replace(/\$context\.authorizer\.(\w+)/g, (_, name: string) => String(context[name] ?? ''))
    .replace('$context.error.messageString', JSON.stringify(message));
  return { statusCode, body };
};
