import { logger } from './log';
import { countMetric } from './metrics';

/** What the authorizer decided about one request, as logged: never the token, at most its hash's first characters. */
export interface DecisionLine {
  outcome: 'allow' | 'deny';
  /** Why: `valid`, or the refusal (`unknown`, `revoked`, `insufficient_scope`, `unmapped_route`, ...). */
  reason: string;
  /** The contract code a refusal answers with. */
  code?: string;
  route: string;
  requestId: string;
  sourceIp: string;
  tokenKey?: string;
  tokenId?: string;
  userId?: string;
}

/** One structured line per authorizer decision, and the decision counted by outcome. */
export const logDecision = (line: DecisionLine): void => {
  logger.info(line.outcome === 'allow' ? 'Request allowed' : 'Request refused', { ...line });
  countMetric('AuthorizerDecisions', 1, { outcome: line.outcome });
};

/** The line and count of a request the authorizer could not decide: it threw, and API Gateway answers its failure response. */
export const logFailedDecision = (request: Omit<DecisionLine, 'outcome' | 'reason'>, error: unknown): void => {
  logger.error('Request not decided', { outcome: 'error', reason: 'fault', ...request, error });
  countMetric('AuthorizerDecisions', 1, { outcome: 'error' });
};
