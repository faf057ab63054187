import type { Context } from 'aws-lambda';
import { logger } from '../lib/log';

/**
 * Tags the invocation's log lines with its Lambda context: request id, function, cold start.
 * The context is optional because tests and the benchmark call handlers with the event alone.
 */
export const logContext = (context: Context | undefined): void => {
  if (context !== undefined) logger.addContext(context);
};
