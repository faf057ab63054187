import { ApiError } from './errors';
import type {
  AuditList,
  CreatedToken,
  ErrorBody,
  CreateTokenRequest,
  NoticeList,
  RolledToken,
  RollTokenRequest,
  TokenList,
  TokenView,
  UpdateTokenRequest,
  UsageReport,
} from '../../lib/contract';

export interface ApiClient {
  listScopes(): Promise<string[]>;
  /** The first page of tokens, or the page `cursor` (an earlier page's `next`) names. */
  listTokens(cursor?: string | null): Promise<TokenList>;
  /** The first page of revoked tokens (kept for the retention period), or the page `cursor` names. */
  listRevokedTokens(cursor?: string | null): Promise<TokenList>;
  createToken(token: CreateTokenRequest): Promise<CreatedToken>;
  updateToken(id: string, change: UpdateTokenRequest): Promise<TokenView>;
  revokeToken(id: string): Promise<void>;
  rollToken(id: string, roll: RollTokenRequest): Promise<RolledToken>;
  tokenUsage(id: string): Promise<UsageReport>;
  /** The first page of the user's token history, or the page `cursor` names. */
  listAudit(cursor?: string | null): Promise<AuditList>;
  /** The user's notices (expiry, leaks) of the last 30 days, newest first (at most 20). */
  listNotices(): Promise<NoticeList>;
}

export interface ApiClientOptions {
  /** Prefix of every path; '' for the page's own origin. */
  apiBase: string;
  /** Asked before every call, so that a host can refresh the session; null when there is none. */
  getSession: () => Promise<string | null>;
  /** Told when there is no session or the API refuses it, before the call fails. */
  onSessionExpired: () => void;
}

const isErrorBody = (body: unknown): body is ErrorBody =>
  typeof body === 'object' &&
  body !== null &&
  typeof (body as Partial<ErrorBody>).code === 'string' &&
  typeof (body as Partial<ErrorBody>).message === 'string';

const fallbackMessages: Record<string, string> = {
  token_not_found: 'This token no longer exists.',
};

const errorFrom = async (response: Response): Promise<ApiError> => {
  const body: unknown = await response.json().catch(() => null);
  if (!isErrorBody(body)) {
    return new ApiError(response.status, 'http_error', `The server answered with status ${response.status}.`);
  }
  const message = body.message.trim() || fallbackMessages[body.code] || `The request failed (${body.code}).`;
  return new ApiError(response.status, body.code, message);
};

const send = async (url: string, init: RequestInit): Promise<Response> => {
  try {
    return await fetch(url, init);
  } catch {
    throw new ApiError(0, 'network_error', 'Could not reach the server. Check your connection and try again.');
  }
};

const jsonInit = (method: string, body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method,
  headers: {
    Accept: 'application/json',
    ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    ...headers,
  },
  body: body === undefined ? undefined : JSON.stringify(body),
});

const readJson = async <T>(response: Response): Promise<T> => {
  try {
    return (await response.json()) as T;
  } catch {
    throw new ApiError(response.status, 'bad_response', 'The server sent an answer that could not be read.');
  }
};

/** The management API, called with the current session. */
export const createApiClient = ({ apiBase, getSession, onSessionExpired }: ApiClientOptions): ApiClient => {
  const expired = (): ApiError => {
    onSessionExpired();
    return new ApiError(401, 'session_required', 'Your session has expired.');
  };

  // A refusal of a session the host has replaced since (a request still in flight when the user signed in
  // again) says nothing about the session the page holds now.
  const refused = async (sent: string): Promise<ApiError> => {
    const current = await getSession().catch(() => null);
    return current === sent ? expired() : new ApiError(401, 'session_required', 'Your session has expired.');
  };

  const call = async (method: string, path: string, body?: unknown): Promise<Response> => {
    const session = await getSession().catch(() => {
      throw new ApiError(0, 'session_unavailable', 'Could not get your session from the application. Try again.');
    });
    if (session === null) throw expired();
    const response = await send(`${apiBase}${path}`, jsonInit(method, body, { Authorization: `Bearer ${session}` }));
    if (response.ok) return response;
    // Management routes take nothing but a session, so any 401 means it was not accepted.
    if (response.status === 401) throw await refused(session);
    throw await errorFrom(response);
  };

  const token = (id: string) => `/tokens/${encodeURIComponent(id)}`;
  const withQuery = (path: string, query: Record<string, string | null | undefined>): string => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
    const text = params.toString();
    return text === '' ? path : `${path}?${text}`;
  };

  return {
    listScopes: async () => (await readJson<{ scopes: string[] }>(await call('GET', '/scopes'))).scopes,
    listTokens: async (cursor) => readJson<TokenList>(await call('GET', withQuery('/tokens', { cursor }))),
    listRevokedTokens: async (cursor) =>
      readJson<TokenList>(await call('GET', withQuery('/tokens', { status: 'revoked', cursor }))),
    createToken: async (newToken) => readJson<CreatedToken>(await call('POST', '/tokens', newToken)),
    updateToken: async (id, change) => readJson<TokenView>(await call('PATCH', token(id), change)),
    rollToken: async (id, roll) => readJson<RolledToken>(await call('POST', `${token(id)}/roll`, roll)),
    revokeToken: async (id) => {
      await call('DELETE', token(id));
    },
    tokenUsage: async (id) => readJson<UsageReport>(await call('GET', `${token(id)}/usage`)),
    listAudit: async (cursor) => readJson<AuditList>(await call('GET', withQuery('/audit', { cursor }))),
    listNotices: async () => readJson<NoticeList>(await call('GET', '/notices')),
  };
};

/** Asks the local development server for a session for `userId`. */
export const requestDevSession = async (url: string, userId: string): Promise<string> => {
  const response = await send(url, jsonInit('POST', { userId }));
  if (!response.ok) throw await errorFrom(response);
  const { session } = await readJson<{ session?: unknown }>(response);
  if (typeof session !== 'string') {
    throw new ApiError(response.status, 'bad_response', 'The server did not send a session.');
  }
  return session;
};
