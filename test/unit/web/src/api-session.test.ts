import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApiClient } from '../../../../web/src/api';

// The page's API client against a tiny server that refuses every session, as a management route does.
let server: Server;
let apiBase: string;
beforeAll(async () => {
  server = createServer((_request, response) => {
    response.writeHead(401, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ code: 'session_required', message: 'Session required' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  apiBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('the page’s API client on a refused session', () => {
  it('says the session expired when the session it sent is still the current one', async () => {
    const onSessionExpired = jest.fn();
    const api = createApiClient({ apiBase, getSession: async () => 'old', onSessionExpired });
    await expect(api.listScopes()).rejects.toMatchObject({ status: 401 });
    expect(onSessionExpired).toHaveBeenCalledTimes(1);
  });

  it('does not, when the host has given a new session while the request was in flight', async () => {
    const onSessionExpired = jest.fn();
    let session = 'old';
    const api = createApiClient({
      apiBase,
      getSession: async () => {
        const sent = session;
        session = 'renewed';
        return sent;
      },
      onSessionExpired,
    });
    await expect(api.listScopes()).rejects.toMatchObject({ status: 401 });
    expect(onSessionExpired).not.toHaveBeenCalled();
  });
});
