// serverless-offline's `customAuthenticationProvider` hook. It runs the project's own authorizer
// function (through serverless-offline's Lambda API, so with the same bundle and environment) and
// answers refusals exactly as API Gateway would with the GatewayResponses of serverless.yml. It also
// reshapes serverless-offline's own errors (unknown route, oversized body) as the DEFAULT_4XX/5XX ones.
const http = require('node:http');
const Boom = require('@hapi/boom');
const { render } = require('../infra/gateway-responses.cjs');

const lambdaPort = process.env.LAMBDA_PORT ?? '3002';
const functionPrefix = process.env.OFFLINE_FUNCTION_PREFIX ?? '';

const refuse = (type, context, message) => {
  const { statusCode, body } = render(type, context, message);
  const error = Boom.boomify(new Error(type), { statusCode });
  error.output.payload = JSON.parse(body);
  error.output.headers['cache-control'] = 'no-store';
  return error;
};

const authorizerEvent = (request, resource, stage) => ({
  type: 'REQUEST',
  methodArn: `arn:aws:execute-api:us-east-1:000000000000:offline/${stage}/${request.method.toUpperCase()}${request.path}`,
  resource,
  path: request.path,
  httpMethod: request.method.toUpperCase(),
  headers: request.headers,
  queryStringParameters: request.query,
  pathParameters: request.params,
  requestContext: {
    resourcePath: resource,
    httpMethod: request.method.toUpperCase(),
    path: request.path,
    stage,
    requestId: request.info.id,
    identity: { sourceIp: request.info.remoteAddress },
  },
});

// A new connection per call (agent: false): reusing pooled keep-alive sockets raced with the Lambda
// API server closing them, failing or stalling requests now and then under load.
const invokeAuthorizer = (name, event) =>
  new Promise((resolve, reject) => {
    const body = JSON.stringify(event);
    const request = http.request(
      {
        host: '127.0.0.1',
        port: lambdaPort,
        method: 'POST',
        path: `/2015-03-31/functions/${functionPrefix}${name}/invocations`,
        agent: false,
        timeout: 30_000,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => {
          if (response.statusCode !== 200 || response.headers['x-amz-function-error']) {
            reject(new Error(`authorizer failed: ${response.statusCode}`));
          } else {
            resolve(JSON.parse(text));
          }
        });
      },
    );
    request.on('timeout', () => request.destroy(new Error('authorizer timed out')));
    request.on('error', reject);
    request.end(body);
  });

let strategies = 0;
let reshaping = false;

// Errors that hapi raises itself, before or instead of a Lambda, in the contract's shape as API Gateway would send them.
const reshapeGatewayErrors = (server) => {
  if (reshaping) return;
  reshaping = true;
  server.ext('onPreResponse', (request, h) => {
    const response = request.response;
    if (!response.isBoom || typeof response.output.payload.code === 'string') return h.continue;
    const status = response.output.statusCode;
    const type = status === 404 ? 'MISSING_AUTHENTICATION_TOKEN' : status >= 500 ? 'DEFAULT_5XX' : 'DEFAULT_4XX';
    const { body } = render(type, {}, response.output.payload.message);
    return h.response(body).code(status).type('application/json').header('cache-control', 'no-store');
  });
};

module.exports = function authenticationProvider(endpoint, functionKey, method, path) {
  const authorizer = endpoint.authorizer;
  const id = ++strategies;
  return {
    name: `api-tokens-${id}`,
    scheme: `api-tokens-scheme-${id}`,
    getAuthenticateFunction: () => ({
      async authenticate(request, h) {
        reshapeGatewayErrors(request.server);
        if (!authorizer) return h.authenticated({ credentials: {} });
        if (!request.headers.authorization) throw refuse('UNAUTHORIZED');
        let result;
        try {
          result = await invokeAuthorizer(
            authorizer.name,
            authorizerEvent(request, `/${path.replace(/^\//, '')}`, 'local'),
          );
        } catch {
          throw refuse('AUTHORIZER_FAILURE');
        }
        const effect = result?.policyDocument?.Statement?.[0]?.Effect;
        if (effect !== 'Allow') throw refuse('ACCESS_DENIED', result?.context);
        return h.authenticated({ credentials: { principalId: result.principalId, context: result.context } });
      },
    }),
  };
};
