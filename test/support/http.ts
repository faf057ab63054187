import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { HOUR_MS } from '../../lib/time';
import { signDevSession } from '../../local/dev-session';

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** The local service started by the global setup. */
export const serviceUrl = (): string => {
  const url = process.env.SERVICE_URL;
  if (!url) throw new Error('SERVICE_URL is not set: the jest global setup starts the service');
  return url;
};

/** examples/host-api, started beside the local service by the global setup. */
export const exampleUrl = (): string => {
  const url = process.env.EXAMPLE_URL;
  if (!url) throw new Error('EXAMPLE_URL is not set: the jest global setup starts the example host API');
  return url;
};

interface CallOptions {
  auth?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Where to send it: the local service unless given. */
  baseUrl?: string;
  /** Give up (reject) when no answer has come after this long. */
  timeoutMs?: number;
}

/** One HTTP request to the local service; `auth` is sent as a bearer credential, `body` as JSON (strings as they are). */
export const call = async <T = any>(method: string, path: string, options: CallOptions = {}): Promise<Reply<T>> => {
  const headers: Record<string, string> = { ...options.headers };
  if (options.auth !== undefined) headers.authorization = `Bearer ${options.auth}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const signal = options.timeoutMs === undefined ? undefined : AbortSignal.timeout(options.timeoutMs);
  const response = await fetch(`${options.baseUrl ?? serviceUrl()}${path}`, { method, headers, body, signal });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text.length > 0 ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: parsed as T, headers: response.headers };
};

/** A fresh user (unique id) with a session the local service accepts. */
export const newUser = async (): Promise<{ userId: string; session: string }> => {
  const userId = `user-${randomUUID()}`;
  return { userId, session: await signDevSession(userId) };
};

/** Creates a token for the session's user and returns the 201 body; fails the test on any other answer. */
export const createToken = async (
  session: string,
  body: { name?: string; scopes?: string[]; expiresAt?: string | null } = {},
): Promise<{
  id: string;
  token: string;
  name: string;
  scopes: string[];
  createdAt: string;
  expiresAt: string | null;
  hint: string;
  description: string | null;
}> => {
  const reply = await call('POST', '/tokens', {
    auth: session,
    // Names are unique among a user's working tokens: each default one differs.
    body: { name: `Zapier Integration ${randomUUID().slice(0, 8)}`, scopes: ['*:read'], ...body },
  });
  if (reply.status !== 201) throw new Error(`create failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
};

/** The default limit of tokens a user may create per hour (TOKEN_CREATE_RATE_LIMIT), which `npm start` keeps. */
export const CREATES_PER_HOUR = 20;
/** Longer than creating and revoking CREATES_PER_HOUR tokens takes on a busy machine. */
const RATE_RUN_MS = 90_000;

/** Waits out the end of the clock hour if it is near, so that a burst of creates falls in one fixed window. */
const waitForRoomInHour = async (): Promise<void> => {
  const intoHour = Date.now() % HOUR_MS;
  if (intoHour > HOUR_MS - RATE_RUN_MS) await sleep(HOUR_MS - intoHour + 1_000);
};

/**
 * Creates one token and rolls it (without a grace) until the user has created as many tokens as the hour
 * allows, a roll counting as a create; answers the id of the last token, whose next roll is rate limited.
 */
export const rollUpToRateLimit = async (session: string): Promise<string> => {
  await waitForRoomInHour();
  let { id } = await createToken(session, { name: 'rolled' });
  for (let i = 1; i < CREATES_PER_HOUR; i++) {
    const rolled = await call('POST', `/tokens/${id}/roll`, { auth: session, body: {} });
    if (rolled.status !== 201) throw new Error(`roll failed: ${rolled.status}`);
    ({ id } = rolled.body);
  }
  return id;
};

/**
 * Creates (revoking each at once, to stay below 10 active tokens) as many tokens as the user may create
 * this hour, so that the next create is rate limited. First waits out the end of the clock hour if it is
 * near, so that all of them fall in one fixed window. Give the test RATE_TEST_TIMEOUT_MS.
 */
export const createUpToRateLimit = async (session: string): Promise<void> => {
  await waitForRoomInHour();
  for (let i = 0; i < CREATES_PER_HOUR; i++) {
    const { id } = await createToken(session, { name: `burst ${i}` });
    const revoked = await call('DELETE', `/tokens/${id}`, { auth: session });
    if (revoked.status !== 204) throw new Error(`revoke failed: ${revoked.status}`);
  }
};
export const RATE_TEST_TIMEOUT_MS = 2 * RATE_RUN_MS;

/** GET with an API token from a given loopback source address (the address usage reports). */
export const getFrom = (localAddress: string, path: string, token: string): Promise<number> =>
  new Promise((resolve, reject) => {
    const url = new URL(path, serviceUrl());
    request(url, { localAddress, agent: false, headers: { authorization: `Bearer ${token}` } }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    })
      .on('error', reject)
      .end();
  });
