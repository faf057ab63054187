import type { APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import type { Requirement } from '../lib/tokens/verify';
import type { UseRecord } from '../lib/usage/store';
import { restAuthorizerEvent } from '../test/support/events';

// What the authorizer sees (API Gateway's request for `GET /v1/cases`) and what it writes (a use event).

/** What `GET /v1/cases` requires of a token. */
export const CASES_READ: Requirement = { module: 'cases', access: 'read' };

/** The REQUEST authorizer event a REST API sends for `GET /v1/cases` with the given bearer token. */
export const casesRequest = (token: string): APIGatewayRequestAuthorizerEvent =>
  restAuthorizerEvent({ token, module: 'cases', sourceIp: '127.0.0.1', requestId: 'bench' });

/** Requests whose id changes on every call, as API Gateway's does, so every recorded use is its own item. */
export const freshRequests = (token: string) => {
  const event = casesRequest(token);
  let count = 0;
  return {
    next: (): APIGatewayRequestAuthorizerEvent => {
      event.requestContext.requestId = `bench-${++count}`;
      return event;
    },
    count: () => count,
  };
};

/** The use event the authorizer writes for one `GET /v1/cases` with a valid token. */
export const casesUse = (keyHash: string, at: Date, requestId: string, ip: string): UseRecord => ({
  keyHash,
  at,
  requestId,
  ip,
  route: 'GET /v1/{module}',
  requirement: CASES_READ,
});
