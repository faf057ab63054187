/**
 * The HTTP contract (../shared/CONTRACT.md) as code: error codes with their statuses and messages,
 * the limit of 10, and the wire types of every body. Dependency-free, so that the handlers, the
 * gateway responses, the local server and the settings page all read the same table.
 */

/** `GET /tokens` reports it as `limit`. */
export const MAX_ACTIVE_TOKENS = 10;

/** `GET /tokens?pageSize=`: tokens a page holds when not told, and at most (the first page may hold more: all working ones). */
export const TOKEN_PAGE_SIZE = { default: 50, min: 1, max: 100 } as const;

/** Every error code, with its status and the message sent when the code alone says enough. */
export const ERRORS = {
  invalid_request: { status: 400, message: 'The request is not valid' },
  token_missing: { status: 401, message: 'A bearer API token is required' },
  token_invalid: { status: 401, message: 'Invalid access token provided' },
  token_expired: { status: 401, message: 'API token has expired' },
  token_disabled: { status: 401, message: 'This API token is disabled' },
  // API Gateway renders every authorizer Deny with one status (ACCESS_DENIED), so this is 401 too.
  insufficient_scope: { status: 401, message: 'This token lacks the scope that this route requires' },
  session_required: { status: 401, message: 'A valid session is required' },
  signature_invalid: { status: 401, message: 'The report is not signed by a known key' },
  token_not_found: { status: 404, message: 'No such token' },
  route_not_found: { status: 404, message: 'No such route' },
  token_limit_reached: { status: 409, message: 'Maximum number of API tokens reached' },
  token_name_taken: { status: 409, message: 'Another working token already has this name' },
  payload_too_large: { status: 413, message: 'The request body is too large' },
  rate_limited: { status: 429, message: 'Too many requests' },
  internal_error: { status: 500, message: 'Internal server error' },
  service_unavailable: { status: 503, message: 'The service is unavailable; retry' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** `GET /health` */
export interface HealthStatus {
  status: 'ok';
}

/** Every error body. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
}

/** The error body of `code`, with the code's own message unless a more precise one is given. */
export const errorBody = (code: ErrorCode, message: string = ERRORS[code].message): ErrorBody => ({ code, message });

/** `GET /scopes` */
export interface ScopeList {
  scopes: string[];
}

/** `POST /tokens` */
export interface CreateTokenRequest {
  name: string;
  scopes: string[];
  expiresAt?: string | null;
  description?: string;
}

/** `POST /tokens` → 201: the only answer that ever holds the plain token. */
export interface CreatedToken {
  id: string;
  name: string;
  scopes: string[];
  token: string;
  createdAt: string;
  expiresAt: string | null;
  /** Non-secret: the prefix, environment and last four characters, e.g. `mp_live_…x9Qa`. */
  hint: string;
  description: string | null;
}

/** `POST /tokens/{id}/roll` */
export interface RollTokenRequest {
  /** How long the old token keeps working, 0 (revoked at once, the default) to 604800 (7 days). */
  graceSeconds?: number;
}

/** `POST /tokens/{id}/roll` → 201: the new token, shown once, as the create answer, and the id of the one it replaces. */
export interface RolledToken extends CreatedToken {
  rolledFrom: string;
}

export type TokenStatusName = 'active' | 'expiring' | 'expired' | 'revoked';

/** A token as its owner sees it in `GET /tokens`. */
export interface TokenView {
  id: string;
  name: string;
  scopes: string[];
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  status: TokenStatusName;
  expiresInDays: number | null;
  hint: string;
  description: string | null;
  disabled: boolean;
  /** When it was revoked; null unless status is `revoked`. */
  revokedAt: string | null;
  /** Set when it was rolled with a grace period: the old token works until then, and is refused as revoked after. */
  graceUntil: string | null;
  /** The id of the token that replaced it by a roll; null unless rolled. */
  replacedBy: string | null;
}

/** `PATCH /tokens/{id}`: any of these, at least one. */
export interface UpdateTokenRequest {
  name?: string;
  description?: string | null;
  disabled?: boolean;
}

/** `GET /tokens`: working tokens first (all of them on the first page), newest first, then expired ones. */
export interface TokenList {
  tokens: TokenView[];
  limit: number;
  active: number;
  /** The opaque cursor of the following page (`?cursor=`), null on the last. */
  next: string | null;
}

/** `leak_reported`: a leak report revoked the token (details: `reporter`, and `url` where it was found). */
export type UsageAlertKind = 'new_ip' | 'volume_spike' | 'revoked_use' | 'expired_use' | 'leak_reported';

export interface UsageAlert {
  kind: UsageAlertKind;
  at: string;
  message: string;
  details: Record<string, string | number>;
}

export interface DailyCount {
  day: string;
  requests: number;
}

/** Requests in one UTC hour, named by the instant it starts (`2026-11-24T07:00:00.000Z`). */
export interface HourlyCount {
  hour: string;
  requests: number;
}

/** `GET /tokens/{id}/usage` */
export interface UsageReport {
  id: string;
  lastUsedAt: string | null;
  requests: { day: number; week: number; month: number };
  refused: { revoked: number; expired: number; insufficient_scope: number };
  daily: DailyCount[];
  /** The last 24 UTC hours, oldest first, the current hour last; they add up to `requests.day`. */
  hourly: HourlyCount[];
  ips: { ip: string; requests: number; firstSeenAt: string; lastSeenAt: string }[];
  otherIps: { requests: number; addresses: number };
  alerts: UsageAlert[];
}

/** What happened to a token, in `GET /audit`. */
export type AuditActionName = 'created' | 'rolled' | 'disabled' | 'enabled' | 'revoked' | 'revoked_leaked' | 'expired';

/** One entry of the signed-in user's token history. */
export interface AuditEvent {
  at: string;
  action: AuditActionName;
  tokenId: string;
  tokenName: string;
  /** The user who did it, or `leak-report`, `github-secret-scanning`, `expiry`. */
  actor: string;
  /** The source address of the request that did it; null when no request did (expiry). */
  ip: string | null;
  /** Where a leaked token was found, when the leak report said. */
  url?: string;
}

/** `GET /audit`: newest first, a page at a time. */
export interface AuditList {
  events: AuditEvent[];
  /** The opaque cursor of the following page (`?cursor=`), null on the last. */
  next: string | null;
}

/** `GET /audit`: entries a page holds. */
export const AUDIT_PAGE_SIZE = 50;

/** `GET /v1/whoami`: the caller of a protected route, as the authorizer passed it on. */
export interface Caller {
  userId: string;
  tokenId: string;
  scopes: string[];
}

/** `GET|POST /v1/{module}`: the demonstration module routes answer what the call was allowed to do, and for whom. */
export interface ModuleAnswer {
  module: string;
  access: 'read' | 'write';
  caller: Caller;
}

/** `POST /leaks`: plain tokens found in the wild, and where they were found when the reporter knows. */
export interface LeakReportRequest {
  tokens: string[];
  url?: string;
}

/** `POST /leaks/github`: one match of GitHub's secret scanning. */
export interface GithubLeakMatch {
  token: string;
  type: string;
  url: string;
  source: string;
}

/** `POST /leaks` and `POST /leaks/github` → 202, whatever the tokens were. */
export interface LeakReportReceipt {
  received: number;
}

/** `GET /notices`: `expiring` warns before a token expires, `expired` tells that it has. */
export type ExpiryNoticeKind = 'expiring' | 'expired';

/** One expiry notice sent to the signed-in user: what its EventBridge event said, and when it was sent. */
export interface ExpiryNotice {
  /** `<tokenId>:<threshold>` (`<tokenId>:expired` for the expired notice), the `noticeId` of its event. */
  noticeId: string;
  kind: ExpiryNoticeKind;
  /** When it was sent. */
  at: string;
  tokenId: string;
  /** The token's name when it was sent. */
  tokenName: string;
  /** The token's non-secret hint (`mp_live_…x9Qa`); null for a token made before hints were stored. */
  hint: string | null;
  expiresAt: string;
  /** Whole days left when it was sent, rounded up; 0 once expired. */
  daysLeft: number;
  /** The warning threshold in days; 0 for the expired notice. */
  threshold: number;
}

/** One leak notice: a leak report revoked one of the signed-in user's tokens. */
export interface LeakNotice {
  /** `<tokenId>:leaked`. */
  noticeId: string;
  kind: 'revoked_leaked';
  /** When the token was revoked. */
  at: string;
  tokenId: string;
  tokenName: string;
  hint: string | null;
  /** Who reported it: `leak-report` or `github-secret-scanning`. */
  reporter: string;
  /** Where it was found, when the report said. */
  url: string | null;
}

/** What `GET /notices` answers: expiry warnings and notices, and tokens a leak report revoked. */
export type TokenNotice = ExpiryNotice | LeakNotice;

/** `GET /notices`: the newest notices of the last `NOTICE_DAYS` days, at most `NOTICE_LIST_SIZE`, no paging. */
export interface NoticeList {
  notices: TokenNotice[];
}

/** `GET /notices`: the most notices it answers. */
export const NOTICE_LIST_SIZE = 20;

/** `GET /notices`: how far back it looks, in days; notices are deleted (TTL) after as long. */
export const NOTICE_DAYS = 30;
