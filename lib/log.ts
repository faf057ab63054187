import { Logger } from '@aws-lambda-powertools/logger';

export const SERVICE_NAME = 'api-tokens';

/** Structured logs; nothing that carries a plain token is ever passed to it. */
export const logger = new Logger({ serviceName: SERVICE_NAME });
