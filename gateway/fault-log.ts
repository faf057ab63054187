import type { Context } from 'aws-lambda';
import { logger } from '../lib/log';
import type { Fault } from '../lib/http/response';
import { logContext } from './lambda-context';

/** Logs the fault behind an error answer, tagged with the invocation's Lambda context. */
export const logFault = (fault: Fault, error: unknown, context: Context | undefined): void => {
  logContext(context);
  logger[fault.level](fault.message, error instanceof Error ? error : String(error));
};
