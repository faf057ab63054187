import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { errorAnswer, type HttpResult } from '../lib/http/response';

const HEADERS = { 'content-type': 'application/json', 'cache-control': 'no-store' };

type ContextTag = (context: Context | undefined) => void;

let tagLogs: ContextTag | undefined;

/**
 * Tags the log lines of every later invocation with its Lambda context. Called by the modules of routes
 * that log as they go (gateway/session.ts): the light routes log only faults and so never load the logger.
 */
export const tagLogsWithContext = (tag: ContextTag): void => {
  tagLogs = tag;
};

/** The event with its body as text: API Gateway delivers binary media types base64-encoded. */
export const decodedBody = (event: APIGatewayProxyEvent): APIGatewayProxyEvent =>
  event.isBase64Encoded && event.body !== null
    ? { ...event, body: Buffer.from(event.body, 'base64').toString('utf8'), isBase64Encoded: false }
    : event;

/** Wraps a route: whatever it answers or throws becomes an API Gateway proxy response. */
export const httpHandler =
  (route: (event: APIGatewayProxyEvent) => Promise<HttpResult>) =>
  async (event: APIGatewayProxyEvent, context?: Context): Promise<APIGatewayProxyResult> => {
    tagLogs?.(context);
    let result: HttpResult;
    try {
      result = await route(decodedBody(event));
    } catch (error) {
      const answer = errorAnswer(error);
      if (answer.fault !== undefined) {
        // Loaded at the first fault, not at cold start: the logger weighs more than a light route.
        const { logFault } = await import('./fault-log');
        logFault(answer.fault, error, context);
      }
      result = answer.result;
    }
    return {
      statusCode: result.status,
      headers: { ...HEADERS, ...result.headers },
      body: result.body === undefined ? '' : JSON.stringify(result.body),
    };
  };

/** The address the request came from, as API Gateway saw it. */
export const sourceIp = (event: APIGatewayProxyEvent): string => event.requestContext.identity.sourceIp;
