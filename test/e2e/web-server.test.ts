import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { freePort } from '../../local/free-port';
import { WEB_OUT_DIR } from '../../local/web-build';
import { startWebServer } from '../../local/web-server';
import { call, serviceUrl, type Reply } from '../support/http';
import { expectError } from '../support/contract';

/** A development sign-in with the Host and Origin headers a test chooses (fetch does not let it set Host). */
const signInWith = (headers: { host: string; origin?: string }): Promise<Reply> =>
  new Promise((resolve, reject) => {
    const body = JSON.stringify({ userId: 'dev-user-1' });
    const url = new URL('/dev/session', serviceUrl());
    const req = request(url, {
      method: 'POST',
      agent: false,
      headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    });
    req.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        resolve({
          status: response.statusCode ?? 0,
          body: JSON.parse(Buffer.concat(chunks).toString()),
          headers: new Headers({ 'content-type': response.headers['content-type'] ?? '' }),
        });
      });
    });
    req.on('error', reject);
    req.end(body);
  });

describe('npm start: the settings page and the development sign-in', () => {
  it('serves the page at / with the development sign-in enabled, and a policy that allows nothing from elsewhere', async () => {
    const reply = await call('GET', '/');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(reply.body).toContain('<meta name="api-tokens:dev-sign-in" content="/dev/session">');
    expect(reply.body).toContain('src="app.js"');
    expect(reply.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(reply.headers.get('content-security-policy')).toContain("connect-src 'self'");
  });

  it('ships static assets that do not enable the development sign-in themselves', () => {
    const html = readFileSync(`${WEB_OUT_DIR}/index.html`, 'utf8');
    expect(html).toContain('<div id="app">');
    expect(html).not.toContain('api-tokens:dev-sign-in');
  });

  it('serves the bundle and its stylesheet', async () => {
    const script = await call('GET', '/app.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const style = await call('GET', '/app.css');
    expect(style.status).toBe(200);
    expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it.each(['/%2e%2e/package.json', '/..%2fpackage.json', '/package.json', '/dist/web/app.js'])(
    'serves nothing outside the build folder: %s',
    async (path) => {
      const reply = await call('GET', path);
      expect(reply.status).toBe(404);
      expect(JSON.stringify(reply.body)).not.toContain('api-token-service');
    },
  );

  it('signs in a user id with a session the management routes accept', async () => {
    const reply = await call('POST', '/dev/session', { body: { userId: 'dev-user-1' } });
    expect(reply.status).toBe(200);
    expect(Object.keys(reply.body)).toEqual(['session']);
    const list = await call('GET', '/tokens', { auth: reply.body.session });
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ limit: 10, active: 0 });
  });

  it.each([
    ['no body', undefined],
    ['bad JSON', '{"userId":'],
    ['an empty user id', { userId: '   ' }],
    ['a number', { userId: 42 }],
    ['a huge user id', { userId: 'u'.repeat(257) }],
    ['an unknown field', { userId: 'a', admin: true }],
    ['an oversized body', JSON.stringify({ userId: 'a', pad: 'x'.repeat(10_000) })],
  ])('refuses a sign-in with %s', async (_case, body) => {
    expectError(await call('POST', '/dev/session', { body }), 400, 'invalid_request', /userId/);
  });

  // OWN stands for the host and port the service listens on, PORT for its port alone.
  it.each<[string, { host: string; origin?: string }]>([
    [
      'a Host the server does not go by (DNS rebinding)',
      { host: 'evil.example:PORT', origin: 'http://evil.example:PORT' },
    ],
    ['a rebound Host and no Origin', { host: 'evil.example:PORT' }],
    ['its own Host but a page of another site', { host: 'OWN', origin: 'https://evil.example' }],
    ['its own Host but an opaque origin', { host: 'OWN', origin: 'null' }],
  ])('refuses a sign-in with %s with 400 invalid_request, and no session', async (_, headers) => {
    const own = new URL(serviceUrl());
    const fill = (value: string) => value.replace('OWN', own.host).replace('PORT', own.port);
    const reply = await signInWith({
      host: fill(headers.host),
      ...(headers.origin !== undefined && { origin: fill(headers.origin) }),
    });
    expectError(reply, 400, 'invalid_request', 'The development sign-in only answers requests to this local server');
  });

  it('signs in from its own page, whichever loopback name the browser used', async () => {
    const port = new URL(serviceUrl()).port;
    for (const name of ['localhost', '127.0.0.1']) {
      const reply = await signInWith({ host: `${name}:${port}`, origin: `http://${name}:${port}` });
      expect(reply.status).toBe(200);
      expect(Object.keys(reply.body)).toEqual(['session']);
    }
  });

  it('passes API paths through with their answers unchanged', async () => {
    expectError(await call('GET', '/tokens'), 401, 'session_required');
    expect((await call('GET', '/health')).status).toBe(200);
  });

  it('answers 503 service_unavailable when serverless-offline does not answer', async () => {
    const [port, apiPort] = [await freePort(), await freePort()];
    const server = await startWebServer({ host: '127.0.0.1', port, apiPort, webDir: WEB_OUT_DIR });
    try {
      const response = await fetch(`http://127.0.0.1:${port}/tokens`);
      const reply = { status: response.status, body: await response.json(), headers: response.headers };
      expectError(reply, 503, 'service_unavailable', 'The local API is not answering');
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
