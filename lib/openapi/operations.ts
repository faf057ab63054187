import { NOTICE_DAYS, NOTICE_LIST_SIZE, TOKEN_PAGE_SIZE, type ErrorCode } from '../contract';
import type { RequestSchemaName, ResponseSchemaName } from './schemas';
import type { Method, Parameter } from './types';

/** What a route asks of its caller: nothing, a session of the host application, or an API token. */
export type Credential = 'none' | 'session' | 'apiToken';

/** One route as the document describes it: its answer on success and every error code it can send. */
export interface OperationSpec {
  method: Method;
  path: string;
  operationId: string;
  summary: string;
  credential: Credential;
  /** The body is the create schema of lib/tokens/schemas.ts, the one the handler validates with. */
  createTokenBody?: true;
  /** The query parameters it takes; any other is refused with 400. */
  query?: readonly Parameter[];
  /** The body is this request schema of lib/openapi/schemas.ts (REQUEST_SCHEMAS). */
  requestBody?: RequestSchemaName;
  success: { status: number; description: string; body?: ResponseSchemaName | 'OpenApiDocument' };
  errors: readonly ErrorCode[];
}

// Routes that read the table answer 503 when it does not answer; on API token routes, through the authorizer.
const SESSION_ERRORS = ['session_required', 'internal_error', 'service_unavailable'] as const;
// A route's requirement comes from the route policy; whoami needs none, so it never answers insufficient_scope.
const API_TOKEN_ERRORS = [
  'token_missing',
  'token_invalid',
  'token_expired',
  'token_disabled',
  'internal_error',
  'service_unavailable',
] as const;

const tokenPath = (suffix = '') => `/tokens/{id}${suffix}`;

const CURSOR_PARAMETER: Parameter = {
  name: 'cursor',
  in: 'query',
  required: false,
  description: 'The `next` of the previous page, as it was: opaque, and valid for the user it was given to only',
  schema: { type: 'string' },
};

const PAGE_PARAMETERS: readonly Parameter[] = [
  {
    name: 'pageSize',
    in: 'query',
    required: false,
    description:
      `Tokens per page (default ${TOKEN_PAGE_SIZE.default}). The first page holds every token that still works, ` +
      'even beyond this size, then expired ones up to it.',
    schema: { type: 'integer', minimum: TOKEN_PAGE_SIZE.min, maximum: TOKEN_PAGE_SIZE.max },
  },
  CURSOR_PARAMETER,
];

const STATUS_PARAMETER: Parameter = {
  name: 'status',
  in: 'query',
  required: false,
  description: 'Only `revoked`: the tokens revoked within the retention period, newest first, instead of the others',
  schema: { type: 'string', enum: ['revoked'] },
};

// Both leak routes answer alike whatever the tokens were: that is what makes them safe to call.
const LEAK_RECEIPT = {
  status: 202,
  description: 'Received, whatever the tokens were',
  body: 'LeakReportReceipt',
} as const;

/** Every route of the service today, in the order the document lists them. */
export const OPERATIONS: readonly OperationSpec[] = [
  {
    method: 'get',
    path: '/health',
    operationId: 'health',
    summary: 'Whether the service answers',
    credential: 'none',
    success: { status: 200, description: 'The service is up', body: 'HealthStatus' },
    errors: ['internal_error'],
  },
  {
    method: 'get',
    path: '/openapi.json',
    operationId: 'openApiDocument',
    summary: 'This document',
    credential: 'none',
    success: { status: 200, description: 'The OpenAPI 3.1 document of the service', body: 'OpenApiDocument' },
    errors: ['internal_error'],
  },
  {
    method: 'get',
    path: '/scopes',
    operationId: 'listScopes',
    summary: 'Every scope a token may be given',
    credential: 'none',
    success: { status: 200, description: 'The scopes of the configured modules', body: 'ScopeList' },
    errors: ['internal_error'],
  },
  {
    method: 'post',
    path: '/tokens',
    operationId: 'createToken',
    summary: 'Create an API token, shown once',
    credential: 'session',
    createTokenBody: true,
    success: { status: 201, description: 'The new token, with its plain value', body: 'CreatedToken' },
    errors: ['invalid_request', 'token_limit_reached', 'token_name_taken', 'rate_limited', ...SESSION_ERRORS],
  },
  {
    method: 'get',
    path: '/tokens',
    operationId: 'listTokens',
    summary: "The signed-in user's tokens, a page at a time: working ones first, newest first, then expired ones",
    credential: 'session',
    query: [...PAGE_PARAMETERS, STATUS_PARAMETER],
    success: {
      status: 200,
      description: 'A page of tokens, the limit, and the cursor of the next page',
      body: 'TokenList',
    },
    errors: ['invalid_request', ...SESSION_ERRORS],
  },
  {
    method: 'delete',
    path: tokenPath(),
    operationId: 'revokeToken',
    summary: 'Revoke a token: it stops working at once, for good',
    credential: 'session',
    success: { status: 204, description: 'Revoked' },
    errors: ['token_not_found', ...SESSION_ERRORS],
  },
  {
    method: 'patch',
    path: tokenPath(),
    operationId: 'updateToken',
    summary: 'Rename, describe, disable or enable a token: disabling is immediate, as revocation is',
    credential: 'session',
    requestBody: 'UpdateTokenRequest',
    success: { status: 200, description: 'The token as changed', body: 'TokenView' },
    errors: ['invalid_request', 'token_not_found', 'token_name_taken', ...SESSION_ERRORS],
  },
  {
    method: 'post',
    path: tokenPath('/roll'),
    operationId: 'rollToken',
    summary:
      'Roll a token: a new one (shown once) with the same name, scopes and expiry policy; the old one works for the grace period',
    credential: 'session',
    requestBody: 'RollTokenRequest',
    success: { status: 201, description: 'The new token, with its plain value', body: 'RolledToken' },
    errors: ['invalid_request', 'token_not_found', 'token_limit_reached', 'rate_limited', ...SESSION_ERRORS],
  },
  {
    method: 'get',
    path: tokenPath('/usage'),
    operationId: 'tokenUsage',
    summary: "A token's use over the last day, week and month, and the addresses it came from",
    credential: 'session',
    success: { status: 200, description: 'The usage report', body: 'UsageReport' },
    errors: ['token_not_found', ...SESSION_ERRORS],
  },
  {
    method: 'get',
    path: '/audit',
    operationId: 'listAudit',
    summary: "The signed-in user's token history, newest first, a page at a time",
    credential: 'session',
    query: [CURSOR_PARAMETER],
    success: { status: 200, description: 'A page of history and the cursor of the next page', body: 'AuditList' },
    errors: ['invalid_request', ...SESSION_ERRORS],
  },
  {
    method: 'get',
    path: '/notices',
    operationId: 'listNotices',
    summary: `The signed-in user's notices (expiry warnings, expired and leaked tokens) of the last ${NOTICE_DAYS} days, newest first: at most ${NOTICE_LIST_SIZE}, no paging`,
    credential: 'session',
    success: { status: 200, description: 'The newest notices', body: 'NoticeList' },
    errors: SESSION_ERRORS,
  },
  {
    method: 'post',
    path: '/leaks',
    operationId: 'reportLeaks',
    summary: 'Report tokens found in the wild: each valid one is revoked as leaked; the answer reveals nothing',
    credential: 'none',
    requestBody: 'LeakReportRequest',
    success: LEAK_RECEIPT,
    errors: ['invalid_request', 'rate_limited', 'internal_error', 'service_unavailable'],
  },
  {
    method: 'post',
    path: '/leaks/github',
    operationId: 'reportGithubLeaks',
    summary:
      "GitHub secret scanning's partner report, signed (Github-Public-Key-Identifier, Github-Public-Key-Signature headers)",
    credential: 'none',
    requestBody: 'GithubLeakReport',
    success: LEAK_RECEIPT,
    errors: ['invalid_request', 'signature_invalid', 'internal_error', 'service_unavailable'],
  },
  {
    method: 'get',
    path: '/v1/whoami',
    operationId: 'whoami',
    summary: 'The caller of a protected route (demonstration)',
    credential: 'apiToken',
    success: { status: 200, description: "The token's owner, id and scopes", body: 'Caller' },
    errors: API_TOKEN_ERRORS,
  },
  ...(['get', 'post'] as const).map((method): OperationSpec => ({
    method,
    path: '/v1/{module}',
    operationId: method === 'get' ? 'readModule' : 'writeModule',
    summary: `A module route (demonstration): needs <module>:${method === 'get' ? 'read' : 'write'}`,
    credential: 'apiToken',
    success: { status: 200, description: 'What the call was allowed to do, and for whom', body: 'ModuleAnswer' },
    errors: [...API_TOKEN_ERRORS, 'insufficient_scope', 'route_not_found'],
  })),
];
