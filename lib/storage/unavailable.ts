// Node's codes for a connection refused, reset, timed out or unreachable: the database did not answer.
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

// DynamoDB's own refusals to serve now, which the SDK has already retried.
export const THROTTLING_NAMES = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
]);

interface SdkErrorFields {
  name?: unknown;
  code?: unknown;
  $fault?: unknown;
}

/**
 * Whether the SDK gave up on DynamoDB for want of an answer: a timeout, a network failure, a server
 * fault or throttling, after its retries. Such a request is refused as 503 `service_unavailable`, not 500.
 *
 * @example
 * if (databaseUnavailable(error)) return { status: 503, body: { code: 'service_unavailable', ... } };
 */
export const databaseUnavailable = (error: unknown): boolean => {
  // Not `instanceof Error`: Node's own errors may come from another realm (a VM context, as under jest).
  if (typeof error !== 'object' || error === null) return false;
  const { name, code, $fault } = error as SdkErrorFields;
  return (
    name === 'TimeoutError' ||
    (typeof code === 'string' && NETWORK_CODES.has(code)) ||
    $fault === 'server' ||
    (typeof name === 'string' && THROTTLING_NAMES.has(name))
  );
};
