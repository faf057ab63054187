import { ERRORS } from '../../lib/contract';
import { expectError } from '../support/contract';
import { call, newUser } from '../support/http';

// What the gateway itself answers, before any function runs: codes of the contract, fixed messages.

const HOSTILE = 'x%22,%22code%22:%22pwned%3Cscript%3E';

describe('errors the gateway raises itself', () => {
  it('answers an unknown path with 404 route_not_found and no text of the request', async () => {
    const reply = await call('GET', `/no-such-route/${HOSTILE}`);
    expectError(reply, 404, 'route_not_found', ERRORS.route_not_found.message);
    expect(reply.headers.get('cache-control')).toBe('no-store');
  });

  it('answers a method a known path does not have with 404 route_not_found', async () => {
    const { session } = await newUser();
    expectError(await call('PUT', '/tokens', { auth: session, body: {} }), 404, 'route_not_found');
  });

  it('answers a body above the gateway limit with 413 payload_too_large before any function runs', async () => {
    const reply = await call('POST', '/tokens', { body: `"${'x'.repeat(11_000_000)}"` });
    expectError(reply, 413, 'payload_too_large', ERRORS.payload_too_large.message);
  });
});
