import { ERRORS } from '../../lib/contract';
import { expectError } from '../support/contract';
import { call, createToken, createUpToRateLimit, newUser, RATE_TEST_TIMEOUT_MS } from '../support/http';

const body = { name: 'Zapier Integration', scopes: ['cases:read'] };

describe('the per-user limit of 20 tokens created per hour', () => {
  it(
    'refuses the 21st create of the hour with 429 rate_limited and Retry-After, creating nothing',
    async () => {
      const { session } = await newUser();
      await createUpToRateLimit(session);

      const refused = await call('POST', '/tokens', { auth: session, body });
      expectError(refused, 429, 'rate_limited', ERRORS.rate_limited.message);
      const retryAfter = refused.headers.get('retry-after') ?? '';
      expect(retryAfter).toMatch(/^\d+$/);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(retryAfter)).toBeLessThanOrEqual(3600);
      expect(refused.headers.get('cache-control')).toBe('no-store');

      const list = await call('GET', '/tokens', { auth: session });
      expect(list.body.tokens).toEqual([]);
    },
    RATE_TEST_TIMEOUT_MS,
  );

  it(
    "limits each user alone: another user's creates are still accepted",
    async () => {
      const limited = await newUser();
      await createUpToRateLimit(limited.session);
      const other = await newUser();

      expect((await createToken(other.session, body)).name).toBe(body.name);
      expectError(await call('POST', '/tokens', { auth: limited.session, body }), 429, 'rate_limited');
    },
    RATE_TEST_TIMEOUT_MS,
  );
});
