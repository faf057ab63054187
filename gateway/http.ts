import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type { Config } from '../lib/config';
import { headerValue } from '../lib/http/bearer';
import { errorResult, type HttpResult } from '../lib/http/response';
import { authenticateSession } from '../lib/http/session';
import { logContext } from './lambda-context';

const HEADERS = { 'content-type': 'application/json', 'cache-control': 'no-store' };

/** The event with its body as text: API Gateway delivers binary media types base64-encoded. */
export const decodedBody = (event: APIGatewayProxyEvent): APIGatewayProxyEvent =>
  event.isBase64Encoded && event.body !== null
    ? { ...event, body: Buffer.from(event.body, 'base64').toString('utf8'), isBase64Encoded: false }
    : event;

/** Wraps a route: whatever it answers or throws becomes an API Gateway proxy response. */
export const httpHandler =
  (route: (event: APIGatewayProxyEvent) => Promise<HttpResult>) =>
  async (event: APIGatewayProxyEvent, context?: Context): Promise<APIGatewayProxyResult> => {
    logContext(context);
    let result: HttpResult;
    try {
      result = await route(decodedBody(event));
    } catch (error) {
      result = errorResult(error);
    }
    return {
      statusCode: result.status,
      headers: { ...HEADERS, ...result.headers },
      body: result.body === undefined ? '' : JSON.stringify(result.body),
    };
  };

/** The signed-in user of a management route. */
export const sessionUser = (settings: Config['session'], event: APIGatewayProxyEvent): Promise<string> =>
  authenticateSession(settings, headerValue(event.headers, 'authorization'));

/** The address the request came from, as API Gateway saw it. */
export const sourceIp = (event: APIGatewayProxyEvent): string => event.requestContext.identity.sourceIp;
