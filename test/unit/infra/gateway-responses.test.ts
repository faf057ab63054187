import { ERRORS, type ErrorCode } from '../../../lib/contract';
import { cloudFormation, render, responses, type GatewayResponseType } from '../../../infra/gateway-responses';

/** Every gateway response type of a REST API, with its default status (AWS: supported-gateway-response-types). */
const AWS_TYPES: Record<string, number | null> = {
  ACCESS_DENIED: 403,
  API_CONFIGURATION_ERROR: 500,
  AUTHORIZER_CONFIGURATION_ERROR: 500,
  AUTHORIZER_FAILURE: 500,
  BAD_REQUEST_PARAMETERS: 400,
  BAD_REQUEST_BODY: 400,
  DEFAULT_4XX: null,
  DEFAULT_5XX: null,
  EXPIRED_TOKEN: 403,
  INTEGRATION_FAILURE: 504,
  INTEGRATION_TIMEOUT: 504,
  INVALID_API_KEY: 403,
  INVALID_SIGNATURE: 403,
  MISSING_AUTHENTICATION_TOKEN: 403,
  QUOTA_EXCEEDED: 429,
  REQUEST_TOO_LARGE: 413,
  RESOURCE_NOT_FOUND: 404,
  THROTTLED: 429,
  UNAUTHORIZED: 401,
  UNSUPPORTED_MEDIA_TYPE: 415,
  WAF_FILTERED: 403,
};

/** The response API Gateway uses for `type`: its own if defined, else the default of its status class. */
const effective = (type: string): GatewayResponseType => {
  if (type in responses) return type as GatewayResponseType;
  return (AWS_TYPES[type] ?? 0) >= 500 ? 'DEFAULT_5XX' : 'DEFAULT_4XX';
};

describe('the gateway responses', () => {
  it('define only types API Gateway has', () => {
    for (const type of Object.keys(responses)) expect(Object.keys(AWS_TYPES)).toContain(type);
  });

  it.each(Object.keys(AWS_TYPES).filter((type) => type !== 'ACCESS_DENIED'))(
    'render %s with a code and the fixed message of the contract, at its status',
    (type) => {
      const { statusCode, body } = render(effective(type));
      const parsed = JSON.parse(body) as { code: ErrorCode; message: string };
      expect(Object.keys(parsed).sort()).toEqual(['code', 'message']);
      expect(ERRORS[parsed.code]?.message).toBe(parsed.message);
      // The fallbacks (no status of their own) keep the error's status.
      expect([undefined, ERRORS[parsed.code].status]).toContain(statusCode);
    },
  );

  it.each([
    ['REQUEST_TOO_LARGE', 413, 'payload_too_large'],
    ['THROTTLED', 429, 'rate_limited'],
    ['QUOTA_EXCEEDED', 429, 'rate_limited'],
    ['MISSING_AUTHENTICATION_TOKEN', 404, 'route_not_found'],
    ['RESOURCE_NOT_FOUND', 404, 'route_not_found'],
    ['INTEGRATION_TIMEOUT', 503, 'service_unavailable'],
    ['INTEGRATION_FAILURE', 500, 'internal_error'],
    ['API_CONFIGURATION_ERROR', 500, 'internal_error'],
    ['BAD_REQUEST_BODY', 400, 'invalid_request'],
  ] as const)('answers %s with %i %s', (type, status, code) => {
    const { statusCode, body } = render(type);
    expect({ statusCode, code: JSON.parse(body).code }).toEqual({ statusCode: status, code });
  });

  it('keeps the status of the error in the fallbacks, with the codes invalid_request and internal_error', () => {
    expect(render('DEFAULT_4XX')).toMatchObject({
      statusCode: undefined,
      body: expect.stringContaining('invalid_request'),
    });
    expect(render('DEFAULT_5XX')).toMatchObject({
      statusCode: undefined,
      body: expect.stringContaining('internal_error'),
    });
  });

  it('never put text of the request into a body: no $context.error, no $input, no request variables', () => {
    for (const { template } of Object.values(responses)) {
      expect(template).not.toMatch(/\$context\.error|\$input|\$method|\$context\.(path|resourcePath|identity)/);
    }
  });

  it('tell a throttled client to retry after a second, in every resource as Retry-After', () => {
    expect(render('THROTTLED').headers).toEqual({ 'Retry-After': '1' });
    expect(cloudFormation.Resources.GatewayResponseThrottled?.Properties.ResponseParameters).toEqual({
      'gatewayresponse.header.Content-Type': "'application/json'",
      'gatewayresponse.header.Cache-Control': "'no-store'",
      'gatewayresponse.header.Retry-After': "'1'",
    });
  });
});
