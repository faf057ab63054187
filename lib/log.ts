import { Logger } from '@aws-lambda-powertools/logger';

/** Structured logs; nothing that carries a plain token is ever passed to it. */
export const logger = new Logger({ serviceName: 'api-tokens' });
