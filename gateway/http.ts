import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { Caller } from '../lib/contract';
import type { Config } from '../lib/config';
import { headerValue } from '../lib/http/bearer';
import { errorResult, type HttpResult } from '../lib/http/response';
import { authenticateSession } from '../lib/http/session';

const HEADERS = { 'content-type': 'application/json', 'cache-control': 'no-store' };

/** Wraps a route: whatever it answers or throws becomes an API Gateway proxy response. */
export const httpHandler =
  (route: (event: APIGatewayProxyEvent) => Promise<HttpResult>) =>
  async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
    let result: HttpResult;
    try {
      result = await route(event);
    } catch (error) {
      result = errorResult(error);
    }
    return {
      statusCode: result.status,
      headers: HEADERS,
      body: result.body === undefined ? '' : JSON.stringify(result.body),
    };
  };

/** The signed-in user of a management route. */
export const sessionUser = (settings: Config['session'], event: APIGatewayProxyEvent): Promise<string> =>
  authenticateSession(settings, headerValue(event.headers, 'authorization'));

/** The caller of a protected route, as the authorizer passed it on. */
export const tokenCaller = (event: APIGatewayProxyEvent): Caller => {
  const context = event.requestContext.authorizer ?? {};
  return {
    userId: String(context.userId),
    tokenId: String(context.tokenId),
    scopes: String(context.scope ?? '')
      .split(' ')
      .filter(Boolean),
  };
};
