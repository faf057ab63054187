import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { Config } from '../lib/config';
import { headerValue } from '../lib/http/bearer';
import { authenticateSession } from '../lib/http/session';
import { tagLogsWithContext } from './http';
import { logContext } from './lambda-context';

// Management routes write audit lines as they go: each carries its invocation's request id.
tagLogsWithContext(logContext);

/** The signed-in user of a management route: the only routes that load jose. */
export const sessionUser = (settings: Config['session'], event: APIGatewayProxyEvent): Promise<string> =>
  authenticateSession(settings, headerValue(event.headers, 'authorization'));
