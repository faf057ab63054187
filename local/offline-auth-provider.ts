import { boomify, type Boom } from '@hapi/boom';
import { render, type GatewayResponseType } from '../infra/gateway-responses';
import { invokeLocalFunction } from './lambda-invoke';
import { localPorts } from './ports';
import { localFunctionName, LOCAL_STAGE } from './service-definition';

// serverless-offline's `customAuthenticationProvider` hook (loaded through offline-auth-provider.cjs).
// It runs the token service's authorizer function (through the token service's serverless-offline
// Lambda API on LAMBDA_PORT, so with the same bundle and environment), also when another service
// (examples/host-api) loads it for routes naming that authorizer, and answers refusals exactly as API Gateway would with the
// GatewayResponses of serverless.yml. It also reshapes serverless-offline's own errors (unknown route,
// oversized body) as the DEFAULT_4XX/5XX ones.

// Local only: the deployed authorizer has 10 s; a busy two-core machine can take longer to start it.
const AUTHORIZER_TIMEOUT_MS = 30_000;

/** The parts of a hapi request and toolkit this provider uses (hapi is serverless-offline's, not ours). */
interface HapiRequest {
  method: string;
  path: string;
  headers: Record<string, string | undefined>;
  query: unknown;
  params: unknown;
  info: { id: string; remoteAddress: string };
  response: unknown;
  server: HapiServer;
}
interface HapiResponse {
  code: (status: number) => HapiResponse;
  type: (mime: string) => HapiResponse;
  header: (name: string, value: string) => HapiResponse;
}
interface HapiToolkit {
  continue: symbol;
  authenticated: (result: { credentials: Record<string, unknown> }) => unknown;
  response: (body: string) => HapiResponse;
}
interface HapiServer {
  ext: (event: 'onPreResponse', method: (request: HapiRequest, h: HapiToolkit) => unknown) => void;
}
interface Endpoint {
  authorizer?: { name: string };
}
interface AuthorizerResult {
  principalId?: string;
  context?: Record<string, unknown>;
  policyDocument?: { Statement?: { Effect?: string }[] };
}

const refuse = (type: GatewayResponseType, context?: Record<string, unknown>, message?: string): Boom => {
  const { statusCode, body } = render(type, context, message);
  const error = boomify(new Error(type), { statusCode });
  error.output.payload = JSON.parse(body) as Boom['output']['payload'];
  error.output.headers['cache-control'] = 'no-store';
  return error;
};

const authorizerEvent = (request: HapiRequest, resource: string) => {
  const method = request.method.toUpperCase();
  return {
    type: 'REQUEST',
    methodArn: `arn:aws:execute-api:us-east-1:000000000000:offline/${LOCAL_STAGE}/${method}${request.path}`,
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

const isBoom = (response: unknown): response is Boom =>
  typeof response === 'object' && response !== null && 'isBoom' in response && response.isBoom === true;

let strategies = 0;
let reshaping = false;

/** Errors that hapi raises itself, before or instead of a Lambda, in the contract's shape as API Gateway would send them. */
const reshapeGatewayErrors = (server: HapiServer): void => {
  if (reshaping) return;
  reshaping = true;
  server.ext('onPreResponse', (request, h) => {
    const response = request.response;
    if (!isBoom(response) || typeof response.output.payload.code === 'string') return h.continue;
    const status = response.output.statusCode;
    const type = status === 404 ? 'MISSING_AUTHENTICATION_TOKEN' : status >= 500 ? 'DEFAULT_5XX' : 'DEFAULT_4XX';
    const { body } = render(type, {}, response.output.payload.message);
    return h.response(body).code(status).type('application/json').header('cache-control', 'no-store');
  });
};

/** The hook serverless-offline calls once per route: an authentication scheme that runs the route's authorizer. */
export const authenticationProvider = (endpoint: Endpoint, _functionKey: string, _method: string, path: string) => {
  const authorizer = endpoint.authorizer;
  const id = ++strategies;
  return {
    name: `api-tokens-${id}`,
    scheme: `api-tokens-scheme-${id}`,
    getAuthenticateFunction: () => ({
      async authenticate(request: HapiRequest, h: HapiToolkit) {
        reshapeGatewayErrors(request.server);
        if (!authorizer) return h.authenticated({ credentials: {} });
        if (!request.headers.authorization) throw refuse('UNAUTHORIZED');
        let result: AuthorizerResult | null;
        try {
          result = (await invokeLocalFunction(
            localFunctionName(authorizer.name),
            authorizerEvent(request, `/${path.replace(/^\//, '')}`),
            { port: localPorts().lambda, timeoutMs: AUTHORIZER_TIMEOUT_MS },
          )) as AuthorizerResult | null;
        } catch {
          throw refuse('AUTHORIZER_FAILURE');
        }
        if (result?.policyDocument?.Statement?.[0]?.Effect !== 'Allow') throw refuse('ACCESS_DENIED', result?.context);
        return h.authenticated({ credentials: { principalId: result.principalId, context: result.context } });
      },
    }),
  };
};
