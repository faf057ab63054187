import { logger } from './log';

/** Who changed which token, and from where. */
export interface TokenChange {
  userId: string;
  tokenId: string;
  name: string;
  sourceIp: string;
}

/** One audit line per token created or revoked. */
export const auditTokenChange = (action: 'created' | 'revoked', change: TokenChange): void => {
  logger.info(`Token ${action}`, { audit: `token_${action}`, ...change });
};
