import * as z from 'zod';
import {
  ERRORS,
  type AuditList,
  type Caller,
  type CreatedToken,
  type ErrorBody,
  type ErrorCode,
  type ExpiryNotice,
  type LeakNotice,
  type HealthStatus,
  type LeakReportRequest,
  type LeakReportReceipt,
  type ModuleAnswer,
  type NoticeList,
  type RolledToken,
  type RollTokenRequest,
  type ScopeList,
  type TokenList,
  type TokenView,
  type UsageReport,
} from '../contract';
import { githubReportSchema, leakReportSchema } from '../leaks/schemas';
import { updateTokenSchema } from '../tokens/schemas';
import { rollTokenSchema } from '../tokens/roll-schema';

// The response bodies of lib/contract.ts as zod schemas, for the OpenAPI document. The checks at the
// end of this file fail to compile when a schema and its contract type differ, in either direction.

const instant = z.iso.datetime();
const count = z.int().nonnegative();

export const errorBodySchema = z.object({
  code: z.enum(Object.keys(ERRORS) as ErrorCode[]),
  message: z.string(),
});

export const healthStatusSchema = z.object({ status: z.literal('ok') });

export const scopeListSchema = z.object({ scopes: z.array(z.string()) });

export const createdTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(z.string()),
  token: z.string().meta({ description: 'The plain API token: shown in this answer only, never again.' }),
  createdAt: instant,
  expiresAt: instant.nullable(),
  hint: z.string().meta({ description: 'Non-secret: prefix, environment and last four characters (`mp_live_…x9Qa`).' }),
  description: z.string().nullable(),
});

export const rolledTokenSchema = createdTokenSchema.extend({
  rolledFrom: z.string().meta({ description: 'The id of the token this one replaces.' }),
});

export const tokenViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(z.string()),
  createdAt: instant,
  expiresAt: instant.nullable(),
  lastUsedAt: instant.nullable(),
  status: z.enum(['active', 'expiring', 'expired', 'revoked']),
  expiresInDays: count.nullable(),
  hint: z.string().meta({ description: 'Non-secret: prefix, environment and last four characters (`mp_live_…x9Qa`).' }),
  description: z.string().nullable(),
  disabled: z.boolean().meta({ description: 'Paused by its owner: refused as `token_disabled` until enabled.' }),
  revokedAt: instant.nullable().meta({ description: 'When it was revoked; null unless status is `revoked`.' }),
  graceUntil: instant.nullable().meta({
    description:
      'Set when it was rolled with a grace period: it works until then (its status counts down to it) and is refused as revoked after.',
  }),
  replacedBy: z
    .string()
    .nullable()
    .meta({ description: 'The id of the token that replaced it by a roll; null unless rolled.' }),
});

export const tokenListSchema = z.object({
  tokens: z.array(tokenViewSchema),
  limit: count.meta({ description: 'The most working tokens a user may have.' }),
  active: count.meta({ description: 'How many tokens still work (active or expiring).' }),
  next: z
    .string()
    .nullable()
    .meta({ description: 'The opaque cursor of the following page, to send back as `?cursor=`; null on the last.' }),
});

export const usageReportSchema = z.object({
  id: z.string(),
  lastUsedAt: instant.nullable(),
  requests: z.object({ day: count, week: count, month: count }),
  refused: z.object({ revoked: count, expired: count, insufficient_scope: count }),
  daily: z.array(z.object({ day: z.iso.date(), requests: count })),
  hourly: z.array(z.object({ hour: instant, requests: count })).meta({
    description:
      'The last 24 UTC hours, each named by its start, oldest first, the current hour last; zero-filled. They add up to `requests.day`.',
  }),
  ips: z.array(z.object({ ip: z.string(), requests: count, firstSeenAt: instant, lastSeenAt: instant })),
  otherIps: z.object({ requests: count, addresses: count }),
  alerts: z.array(
    z.object({
      kind: z.enum(['new_ip', 'volume_spike', 'revoked_use', 'expired_use', 'leak_reported']).meta({
        description:
          '`leak_reported`: a leak report revoked the token; `details` has `reporter` and, when reported, `url`.',
      }),
      at: instant,
      message: z.string(),
      details: z.record(z.string(), z.union([z.string(), z.number()])),
    }),
  ),
});

export const callerSchema = z.object({ userId: z.string(), tokenId: z.string(), scopes: z.array(z.string()) });

export const moduleAnswerSchema = z.object({
  module: z.string(),
  access: z.enum(['read', 'write']),
  caller: callerSchema,
});

export const auditListSchema = z.object({
  events: z.array(
    z.object({
      at: instant,
      action: z.enum(['created', 'rolled', 'disabled', 'enabled', 'revoked', 'revoked_leaked', 'expired']),
      tokenId: z.string(),
      tokenName: z.string().meta({ description: "The token's name when it happened." }),
      actor: z.string().meta({
        description: 'The user who did it, or `leak-report`, `github-secret-scanning` or `expiry`.',
      }),
      ip: z.string().nullable().meta({ description: 'The source address of the request; null for expiry.' }),
      url: z.string().optional().meta({ description: 'Where a leaked token was found, when the report said.' }),
    }),
  ),
  next: z
    .string()
    .nullable()
    .meta({ description: 'The opaque cursor of the following page, to send back as `?cursor=`; null on the last.' }),
});

export const leakReportReceiptSchema = z.object({
  received: count.meta({ description: 'How many tokens the report held: the same whatever they were.' }),
});

export const expiryNoticeSchema = z.object({
  noticeId: z
    .string()
    .meta({ description: '`<tokenId>:<threshold>` or `<tokenId>:expired`: the `noticeId` of its EventBridge event.' }),
  kind: z.enum(['expiring', 'expired']),
  at: instant.meta({ description: 'When it was sent.' }),
  tokenId: z.string(),
  tokenName: z.string().meta({ description: "The token's name when it was sent." }),
  hint: z.string().nullable().meta({ description: "The token's non-secret hint (`mp_live_…x9Qa`), if it has one." }),
  expiresAt: instant,
  daysLeft: count.meta({ description: 'Whole days left when it was sent, rounded up; 0 once expired.' }),
  threshold: count.meta({ description: 'The warning threshold in days; 0 for the expired notice.' }),
});

export const leakNoticeSchema = z.object({
  noticeId: z.string().meta({ description: '`<tokenId>:leaked`.' }),
  kind: z.literal('revoked_leaked'),
  at: instant.meta({ description: 'When the token was revoked.' }),
  tokenId: z.string(),
  tokenName: z.string().meta({ description: "The token's name when it was revoked." }),
  hint: z.string().nullable().meta({ description: "The token's non-secret hint (`mp_live_…x9Qa`), if it has one." }),
  reporter: z.string().meta({ description: 'Who reported it: `leak-report` or `github-secret-scanning`.' }),
  url: z.string().nullable().meta({ description: 'Where it was found, when the report said.' }),
});

export const noticeListSchema = z.object({
  notices: z.array(z.discriminatedUnion('kind', [expiryNoticeSchema, leakNoticeSchema])),
});

/** Every response body by the name the document gives it under `components.schemas`. */
export const RESPONSE_SCHEMAS = {
  ErrorBody: errorBodySchema,
  HealthStatus: healthStatusSchema,
  ScopeList: scopeListSchema,
  CreatedToken: createdTokenSchema,
  RolledToken: rolledTokenSchema,
  TokenView: tokenViewSchema,
  TokenList: tokenListSchema,
  UsageReport: usageReportSchema,
  Caller: callerSchema,
  ModuleAnswer: moduleAnswerSchema,
  LeakReportReceipt: leakReportReceiptSchema,
  AuditList: auditListSchema,
  ExpiryNotice: expiryNoticeSchema,
  LeakNotice: leakNoticeSchema,
  NoticeList: noticeListSchema,
} as const;

export type ResponseSchemaName = keyof typeof RESPONSE_SCHEMAS;

/** Request bodies other than the create body, by the name the document gives them under `components.schemas`. */
export const REQUEST_SCHEMAS = {
  LeakReportRequest: leakReportSchema,
  GithubLeakReport: githubReportSchema,
  UpdateTokenRequest: updateTokenSchema,
  RollTokenRequest: rollTokenSchema,
} as const;

export type RequestSchemaName = keyof typeof REQUEST_SCHEMAS;

/** `true` only when A and B are the same type, not merely assignable one way. */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

type Holds<T extends true> = T;

/** Compiles only while every schema infers exactly its contract type. */
export type SchemasMatchContract = [
  Holds<Same<z.infer<typeof errorBodySchema>, ErrorBody>>,
  Holds<Same<z.infer<typeof healthStatusSchema>, HealthStatus>>,
  Holds<Same<z.infer<typeof scopeListSchema>, ScopeList>>,
  Holds<Same<z.infer<typeof createdTokenSchema>, CreatedToken>>,
  Holds<Same<z.infer<typeof tokenViewSchema>, TokenView>>,
  Holds<Same<z.infer<typeof tokenListSchema>, TokenList>>,
  Holds<Same<z.infer<typeof usageReportSchema>, UsageReport>>,
  Holds<Same<z.infer<typeof callerSchema>, Caller>>,
  Holds<Same<z.infer<typeof moduleAnswerSchema>, ModuleAnswer>>,
  Holds<Same<z.infer<typeof leakReportReceiptSchema>, LeakReportReceipt>>,
  Holds<Same<z.infer<typeof leakReportSchema>, LeakReportRequest>>,
  Holds<Same<z.infer<typeof auditListSchema>, AuditList>>,
  Holds<Same<z.infer<typeof rolledTokenSchema>, RolledToken>>,
  Holds<Same<z.input<typeof rollTokenSchema>, RollTokenRequest>>,
  Holds<Same<z.infer<typeof expiryNoticeSchema>, ExpiryNotice>>,
  Holds<Same<z.infer<typeof leakNoticeSchema>, LeakNotice>>,
  Holds<Same<z.infer<typeof noticeListSchema>, NoticeList>>,
];
