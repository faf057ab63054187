// How API Gateway renders requests refused before a Lambda runs, in the contract's error shape.
// serverless.yml turns these into GatewayResponse resources; scripts/offline-auth-provider.cjs renders
// them the same way under serverless-offline, which does not apply GatewayResponses itself.
const fromAuthorizer = '{"code":"$context.authorizer.code","message":"$context.authorizer.message"}';

const responses = {
  // Every authorizer Deny: its context carries the contract's code and message.
  ACCESS_DENIED: { statusCode: 401, template: fromAuthorizer },
  // No Authorization header at all: API Gateway refuses before calling the authorizer.
  UNAUTHORIZED: { statusCode: 401, template: '{"code":"token_missing","message":"A bearer API token is required"}' },
  AUTHORIZER_FAILURE: { statusCode: 500, template: '{"code":"internal_error","message":"Internal server error"}' },
  AUTHORIZER_CONFIGURATION_ERROR: {
    statusCode: 500,
    template: '{"code":"internal_error","message":"Internal server error"}',
  },
  MISSING_AUTHENTICATION_TOKEN: { statusCode: 404, template: '{"code":"route_not_found","message":"No such route"}' },
  DEFAULT_4XX: { template: '{"code":"invalid_request","message":$context.error.messageString}' },
  DEFAULT_5XX: { template: '{"code":"internal_error","message":$context.error.messageString}' },
};

const resourceName = (type) =>
  `GatewayResponse${type
    .toLowerCase()
    .split('_')
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join('')}`;

const cloudFormation = {
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
const render = (type, context = {}, message = '') => {
  const { statusCode, template } = responses[type];
  const body = template
    .replace(/\$context\.authorizer\.(\w+)/g, (_, name) => String(context[name] ?? ''))
    .replace('$context.error.messageString', JSON.stringify(message));
  return { statusCode, body };
};

module.exports = { responses, cloudFormation, render };
