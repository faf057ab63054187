import { render } from '../../../infra/gateway-responses';
import { gatewayErrorType } from '../../../local/gateway-error-type';

describe('gatewayErrorType', () => {
  it.each([
    [404, 'MISSING_AUTHENTICATION_TOKEN', 404, 'route_not_found'],
    [405, 'MISSING_AUTHENTICATION_TOKEN', 404, 'route_not_found'],
    [413, 'REQUEST_TOO_LARGE', 413, 'payload_too_large'],
    [429, 'THROTTLED', 429, 'rate_limited'],
    [504, 'INTEGRATION_TIMEOUT', 503, 'service_unavailable'],
    [415, 'DEFAULT_4XX', undefined, 'invalid_request'],
    [400, 'DEFAULT_4XX', undefined, 'invalid_request'],
    [502, 'DEFAULT_5XX', undefined, 'internal_error'],
  ])('renders a local %i as API Gateway would its %s: status %p, code %s', (status, type, rendered, code) => {
    expect(gatewayErrorType(status)).toBe(type);
    const { statusCode, body } = render(gatewayErrorType(status));
    expect(statusCode).toBe(rendered);
    expect(JSON.parse(body)).toMatchObject({ code });
  });
});
