import { ApiError } from '../../../../lib/errors';
import { orRefuse, refusalError } from '../../../../lib/http/refusals';

describe('refusalError', () => {
  it('maps refusals to the contract errors and messages', () => {
    expect(refusalError({ valid: false, reason: 'expired' })).toEqual({
      code: 'token_expired',
      message: 'API token has expired',
    });
    expect(refusalError({ valid: false, reason: 'disabled' })).toEqual({
      code: 'token_disabled',
      message: 'This API token is disabled',
    });
    for (const reason of ['unknown', 'malformed', 'wrong_environment', 'revoked'] as const) {
      expect(refusalError({ valid: false, reason })).toEqual({
        code: 'token_invalid',
        message: 'Invalid access token provided',
      });
    }
    const scope = refusalError({
      valid: false,
      reason: 'insufficient_scope',
      requirement: { module: 'cases', access: 'write' },
    });
    expect(scope).toEqual({
      code: 'insufficient_scope',
      message: 'This token lacks the scope cases:write that this route requires',
    });
  });
});

describe('orRefuse', () => {
  it('answers the value of a success', () => {
    expect(orRefuse({ ok: true, value: 'created' })).toBe('created');
  });

  it('throws the contract error of each service refusal', () => {
    expect(() => orRefuse({ ok: false, reason: 'limit_reached' })).toThrow(
      new ApiError('token_limit_reached', 'Maximum number of API tokens reached'),
    );
    const notFound = (() => {
      try {
        return orRefuse({ ok: false, reason: 'not_found' });
      } catch (error) {
        return error;
      }
    })();
    expect(notFound).toMatchObject({ code: 'token_not_found', status: 404, message: 'No such token' });
  });

  it('throws rate_limited with the seconds until the caller may retry', () => {
    expect(() => orRefuse({ ok: false, reason: 'rate_limited', retryAfterSeconds: 42 })).toThrow(
      expect.objectContaining({ code: 'rate_limited', status: 429, retryAfterSeconds: 42 }),
    );
  });
});
