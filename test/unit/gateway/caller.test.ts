import { requireScope, tokenCaller } from '../../../gateway/caller';
import { ApiError } from '../../../lib/errors';

const context = { userId: 'u-1', tokenId: 't-1', scope: 'cases:read invoices:write' };
const caller = { userId: 'u-1', tokenId: 't-1', scopes: ['cases:read', 'invoices:write'] };

describe('tokenCaller', () => {
  it('reads a REST API event: requestContext.authorizer', () => {
    expect(tokenCaller({ requestContext: { authorizer: { ...context, principalId: 'u-1' } } })).toEqual(caller);
  });

  it('reads an HTTP API event: requestContext.authorizer.lambda', () => {
    expect(tokenCaller({ requestContext: { authorizer: { lambda: context } } })).toEqual(caller);
  });

  it('reads a token with no scopes as an empty list', () => {
    expect(tokenCaller({ requestContext: { authorizer: { ...context, scope: '' } } }).scopes).toEqual([]);
  });

  it('fails on a route outside the authorizer rather than answer for a caller of nobody', () => {
    expect(() => tokenCaller({ requestContext: {} })).toThrow('No userId from the token authorizer');
    expect(() => tokenCaller({ requestContext: { authorizer: { lambda: {} } } })).toThrow('No userId');
  });
});

describe('requireScope', () => {
  it('passes a scope the token holds, and read where it holds write', () => {
    expect(() => requireScope(caller, 'cases:read')).not.toThrow();
    expect(() => requireScope(caller, 'invoices:read')).not.toThrow();
    expect(() => requireScope({ ...caller, scopes: ['*:read'] }, 'applicants:read')).not.toThrow();
  });

  it("throws the contract's insufficient_scope error naming the scope", () => {
    const refusal = (() => {
      try {
        requireScope(caller, 'cases:write');
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(ApiError);
    expect(refusal).toMatchObject({
      code: 'insufficient_scope',
      status: 401,
      message: 'This token lacks the scope cases:write that this route requires',
    });
    expect(() => requireScope(caller, 'applicants:read')).toThrow('applicants:read');
  });
});
