import type { GatewayResponseType } from '../infra/gateway-responses';

/**
 * The gateway response API Gateway would render for an error that the local server raises itself, before
 * or instead of a Lambda, with status `status`: an unknown route or method, an oversized body, a timeout.
 */
export const gatewayErrorType = (status: number): GatewayResponseType => {
  if (status === 404 || status === 405) return 'MISSING_AUTHENTICATION_TOKEN';
  if (status === 413) return 'REQUEST_TOO_LARGE';
  if (status === 429) return 'THROTTLED';
  if (status === 504) return 'INTEGRATION_TIMEOUT';
  return status >= 500 ? 'DEFAULT_5XX' : 'DEFAULT_4XX';
};
