import { readFile } from 'node:fs/promises';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { isIPv4 } from 'node:net';
import { basename, extname, join } from 'node:path';
import { z } from 'zod';
import { errorBody, ERRORS, type ErrorCode } from '../lib/contract';
import { devUserId, signDevSession } from './dev-session';
import { fromOwnOrigin, ownHosts } from './own-origin';

export const DEV_SIGN_IN_PATH = '/dev/session';
const MAX_SIGN_IN_BYTES = 4096;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

// What the page may load: only itself and the API on its own origin, so nothing can come from a CDN.
const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'upgrade'];

const withoutHopByHop = <T extends Record<string, unknown>>(headers: T): T => {
  const copy = { ...headers };
  for (const name of HOP_BY_HOP) delete copy[name];
  return copy;
};

const sendJson = (res: ServerResponse, status: number, body: unknown): void => {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
};

const sendError = (res: ServerResponse, code: ErrorCode, message?: string): void =>
  sendJson(res, ERRORS[code].status, errorBody(code, message));

const readBody = async (req: IncomingMessage, limit: number): Promise<string | undefined> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
};

const signInSchema = z.strictObject({ userId: devUserId });

/**
 * The development sign-in: a session for any user id, signed with this machine's development key,
 * for requests addressed to this server by its own name from its own page (or from no page at all).
 */
const devSignIn = async (req: IncomingMessage, res: ServerResponse, hosts: ReadonlySet<string>): Promise<void> => {
  if (!fromOwnOrigin(req.headers, hosts)) {
    sendError(res, 'invalid_request', 'The development sign-in only answers requests to this local server');
    return;
  }
  const raw = await readBody(req, MAX_SIGN_IN_BYTES);
  let json: unknown;
  try {
    json = raw === undefined ? undefined : JSON.parse(raw);
  } catch {
    // reported below as an invalid request
  }
  const parsed = signInSchema.safeParse(json);
  if (!parsed.success) {
    sendError(res, 'invalid_request', 'userId: enter a user id of 1 to 256 characters');
    return;
  }
  sendJson(res, 200, { session: await signDevSession(parsed.data.userId) });
};

/** The page's files; index.html learns that this server offers the development sign-in. */
const serveAsset = async (res: ServerResponse, webDir: string, path: string): Promise<boolean> => {
  const name = path === '/' ? 'index.html' : path.slice(1);
  // Only plain file names in the build folder: no directories, so no way out of it.
  if (name !== basename(name) || !(extname(name) in CONTENT_TYPES)) return false;
  let content: Buffer;
  try {
    content = await readFile(join(webDir, name));
  } catch {
    return false;
  }
  if (name === 'index.html') {
    const meta = `<meta name="api-tokens:dev-sign-in" content="${DEV_SIGN_IN_PATH}">`;
    content = Buffer.from(content.toString('utf8').replace('</head>', `  ${meta}\n  </head>`));
  }
  res.writeHead(200, { 'content-type': CONTENT_TYPES[extname(name)], ...PAGE_HEADERS });
  res.end(content);
  return true;
};

// serverless-offline takes the source address from the connection, so a loopback client is
// forwarded from its own loopback address: usage then shows 127.0.0.2 as API Gateway would show the caller.
const loopbackAddress = (address: string | undefined): string | undefined => {
  const v4 = address?.replace(/^::ffff:/, '');
  return v4 !== undefined && isIPv4(v4) && v4.startsWith('127.') ? v4 : undefined;
};

const forward = (req: IncomingMessage, res: ServerResponse, apiPort: number): void => {
  const upstream = request(
    {
      host: '127.0.0.1',
      port: apiPort,
      method: req.method,
      path: req.url,
      headers: withoutHopByHop(req.headers),
      localAddress: loopbackAddress(req.socket.remoteAddress),
      agent: false,
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, withoutHopByHop(answer.headers));
      answer.pipe(res);
    },
  );
  upstream.on('error', () => {
    if (res.headersSent) res.destroy();
    else sendError(res, 'service_unavailable', 'The local API is not answering');
  });
  req.pipe(upstream);
};

/**
 * The local front door, in the place a CDN has when deployed: the settings page's static files
 * at `/`, the development sign-in, and every other path passed to serverless-offline unchanged.
 */
export const startWebServer = (options: {
  host: string;
  port: number;
  apiPort: number;
  webDir: string;
}): Promise<Server> => {
  const hosts = ownHosts(options.host, options.port);
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const handle = async (): Promise<void> => {
      if (path === DEV_SIGN_IN_PATH && req.method === 'POST') return devSignIn(req, res, hosts);
      if (req.method === 'GET' && (await serveAsset(res, options.webDir, path))) return;
      forward(req, res, options.apiPort);
    };
    handle().catch(() => {
      if (!res.headersSent) sendError(res, 'internal_error');
      else res.destroy();
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve(server));
  });
};
