import { boomify, type Boom } from '@hapi/boom';
import { render, type GatewayResponseType } from '../infra/gateway-responses';
import { gatewayErrorType } from './gateway-error-type';
import type { HapiRequest, HapiServer, HapiToolkit } from './hapi';
import { invokeLocalFunction } from './lambda-invoke';
import { httpApiAuthorizerEvent, restAuthorizerEvent } from './offline-authorizer-events';
import { localPorts } from './ports';
import { localFunctionName } from './service-definition';

// serverless-offline's `customAuthenticationProvider` hook (loaded through offline-auth-provider.cjs).
// It runs the token service's authorizer function (through the token service's serverless-offline
// Lambda API on LAMBDA_PORT, so with the same bundle and environment), also when another service
// (examples/host-api) loads it for routes naming that authorizer, and answers refusals exactly as API Gateway
// would: a REST API with the GatewayResponses of serverless.yml, an HTTP API with its fixed answers. It also
// reshapes serverless-offline's own errors (unknown route, oversized body) as API Gateway's responses would.

// Local only: the deployed authorizer has 10 s; a busy two-core machine can take longer to start it.
const AUTHORIZER_TIMEOUT_MS = 30_000;
// An HTTP API route names its API's authorizer, not a function: the one these services use is the token service's.
const TOKEN_AUTHORIZER_FUNCTION = 'authorize';

/** What serverless-offline tells the hook of a route: HTTP API routes (`httpApi` events) carry their route key. */
interface Endpoint {
  authorizer?: { name: string };
  isHttpApi?: boolean;
  routeKey?: string;
}
interface PolicyResult {
  principalId?: string;
  context?: Record<string, unknown>;
  policyDocument?: { Statement?: { Effect?: string }[] };
}
interface SimpleResult {
  isAuthorized?: boolean;
  context?: Record<string, unknown>;
}
/** What serverless-offline hands the handler: its `context` as REST's `requestContext.authorizer`, HTTP API's `.lambda`. */
type Credentials = Record<string, unknown>;

/** How one kind of API runs the authorizer and what API Gateway answers for it. */
interface ApiKind {
  functionName: string;
  event: (request: HapiRequest) => unknown;
  /** The handler's credentials if the authorizer allowed the request, else the refusal. */
  answer: (result: unknown) => Credentials | Boom;
  /** No Authorization header: API Gateway refuses without calling the authorizer. */
  missingIdentity: () => Boom;
  /** The authorizer failed or did not answer. */
  failure: () => Boom;
}

const GATEWAY_ANSWER = Symbol('answered as API Gateway would');

/** A response API Gateway itself sends instead of running the route, left as it is by reshapeGatewayErrors. */
const gatewayAnswer = (statusCode: number, body: string): Boom => {
  const error = boomify(new Error(body), { statusCode, data: GATEWAY_ANSWER });
  error.output.payload = JSON.parse(body) as Boom['output']['payload'];
  return error;
};

const restRefusal = (type: GatewayResponseType, context?: Record<string, unknown>): Boom => {
  const { statusCode, body } = render(type, context);
  const error = gatewayAnswer(statusCode ?? 500, body);
  error.output.headers['cache-control'] = 'no-store';
  return error;
};

/** A REST API route (`http` event): a REQUEST authorizer answering an IAM policy, refusals by GatewayResponses. */
const restApi = (functionName: string, resource: string): ApiKind => ({
  functionName,
  event: (request) => restAuthorizerEvent(request, resource),
  answer: (result) => {
    const policy = result as PolicyResult | null;
    if (policy?.policyDocument?.Statement?.[0]?.Effect !== 'Allow')
      return restRefusal('ACCESS_DENIED', policy?.context);
    return { principalId: policy.principalId, context: policy.context };
  },
  missingIdentity: () => restRefusal('UNAUTHORIZED'),
  failure: () => restRefusal('AUTHORIZER_FAILURE'),
});

/**
 * An HTTP API route (`httpApi` event): a payload 2.0 authorizer with simple responses. HTTP APIs have no
 * gateway responses: whatever the authorizer's context says, a refusal is a bare 403.
 */
const httpApi = (routeKey: string): ApiKind => ({
  functionName: TOKEN_AUTHORIZER_FUNCTION,
  event: (request) => httpApiAuthorizerEvent(request, routeKey),
  answer: (result) => {
    const simple = result as SimpleResult | null;
    if (simple?.isAuthorized !== true) return gatewayAnswer(403, '{"message":"Forbidden"}');
    return { context: simple.context };
  },
  missingIdentity: () => gatewayAnswer(401, '{"message":"Unauthorized"}'),
  failure: () => gatewayAnswer(500, '{"message":"Internal Server Error"}'),
});

const isBoom = (response: unknown): response is Boom =>
  typeof response === 'object' && response !== null && 'isBoom' in response && response.isBoom === true;

let strategies = 0;
const reshaped = new WeakSet<HapiServer>();
// serverless-offline's catch-all route for paths it does not know: it answers a listing of every route.
const UNKNOWN_ROUTE = '/{p*}';

/** The status of an error the local server raised itself (not a Lambda's answer nor the gateway's own), if it is one. */
const ownErrorStatus = (request: HapiRequest): number | undefined => {
  const response = request.response;
  if (isBoom(response)) return response.data === GATEWAY_ANSWER ? undefined : response.output.statusCode;
  return request.route.path === UNKNOWN_ROUTE ? 404 : undefined;
};

/** Errors that hapi raises itself, before or instead of a Lambda, in the contract's shape as API Gateway would send them. */
const reshapeGatewayErrors = (server: HapiServer): void => {
  if (reshaped.has(server)) return;
  reshaped.add(server);
  server.ext('onPreResponse', (request, h) => {
    const status = ownErrorStatus(request);
    if (status === undefined) return h.continue;
    const { statusCode, body, headers } = render(gatewayErrorType(status));
    const reply = h
      .response(body)
      .code(statusCode ?? status)
      .type('application/json');
    for (const [name, value] of Object.entries({ ...headers, 'cache-control': 'no-store' })) reply.header(name, value);
    return reply;
  });
};

/** `strategy`, reshaping the server's own errors from when hapi registers it, before any request arrives. */
const reshapingGatewayErrors = <T>(strategy: { name: string; scheme: string; getAuthenticateFunction: () => T }) => ({
  ...strategy,
  getAuthenticateFunction: (server: HapiServer): T => {
    reshapeGatewayErrors(server);
    return strategy.getAuthenticateFunction();
  },
});

/** The hook serverless-offline calls once per route: an authentication scheme that runs the route's authorizer. */
export const authenticationProvider = (endpoint: Endpoint, _functionKey: string, _method: string, path: string) => {
  const authorizer = endpoint.authorizer;
  const api =
    authorizer === undefined
      ? undefined
      : endpoint.isHttpApi === true && endpoint.routeKey !== undefined
        ? httpApi(endpoint.routeKey)
        : restApi(authorizer.name, `/${path.replace(/^\//, '')}`);
  const id = ++strategies;
  return reshapingGatewayErrors({
    name: `api-tokens-${id}`,
    scheme: `api-tokens-scheme-${id}`,
    getAuthenticateFunction: () => ({
      async authenticate(request: HapiRequest, h: HapiToolkit) {
        if (api === undefined) return h.authenticated({ credentials: {} });
        if (!request.headers.authorization) throw api.missingIdentity();
        let result: unknown;
        try {
          result = await invokeLocalFunction(localFunctionName(api.functionName), api.event(request), {
            port: localPorts().lambda,
            timeoutMs: AUTHORIZER_TIMEOUT_MS,
          });
        } catch {
          throw api.failure();
        }
        const answer = api.answer(result);
        if (isBoom(answer)) throw answer;
        return h.authenticated({ credentials: answer });
      },
    }),
  });
};
