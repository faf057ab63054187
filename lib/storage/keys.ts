/**
 * The single-table key layout, the one place it is written down: every key is built here, and read back here.
 *
 * | item          | PK               | SK               | holds                                                   |
 * | ------------- | ---------------- | ---------------- | ------------------------------------------------------- |
 * | token         | USER#<userId>    | TOKEN#<tokenId>  | name, scopes, dates, keyHash: what the owner sees       |
 * | key           | KEY#<sha256>     | KEY              | owner, token id, scopes, expiry, revocation: authorizer |
 * | active set    | USER#<userId>    | ACTIVE           | `active`: string set of "<tokenId>#<expiry>" (limit)    |
 * | create count  | USER#<userId>    | CREATES#<start>  | `count` of tokens created in the rate window starting   |
 * |               |                  |                  | at <start> (epoch seconds); TTL'd at the window's end   |
 * | usage event   | USE#<sha256>     | <at>#<requestId> | one use of a known token, for the stream (short TTL)    |
 * | usage summary | USAGE#<tokenId>  | SUMMARY          | last use, totals, top addresses, hourly counts of the   |
 * |               |                  |                  | last 25 hours, alerts, the ledger of what was counted  |
 * | usage day     | USAGE#<tokenId>  | D#<yyyy-mm-dd>   | requests and refusals on that day (UTC)                 |
 * | audit entry   | AUDIT#<userId>   | <at>#<entryId>   | one change to one of the user's tokens; TTL'd after the |
 * |               |                  |                  | audit retention (a year by default)                     |
 * | expiry        | EXPIRES#<day>    | <userId>#<tokenId> | a token that expires on <day> (`yyyy-mm-dd`, UTC), for |
 * | calendar      |                  |                  | the expiry emitter; which notices it claimed and sent   |
 * | leak count    | LEAKS#<address>  | <start>          | `count` of leak reports from that source address in the |
 * |               |                  |                  | window starting at <start> (epoch s); TTL'd at its end  |
 * | name claim    | USER#<userId>    | NAME#<name>      | `tokenId`, `expiry` (epoch ms; absent: never) of the    |
 * |               |                  |                  | working token with that name (case-folded NFC)          |
 * | notice        | NOTICES#<userId> | <at>#<tokenId>#<label> | one expiry notice sent (what its event held) or one |
 * |               |                  |                  | leak revocation at <at>, for `GET /notices`; TTL'd 30 days |
 *
 * Token ids are UUIDv7, which begin with their creation time: a user's `TOKEN#` items sort oldest
 * first, so `GET /tokens` pages them newest first from the table itself, strongly consistent.
 *
 * Usage events of one token share a partition, so the stream delivers them in order on one shard.
 *
 * `ttl` (epoch seconds) lets DynamoDB delete items a retention period after they stop working.
 */
import { epochSeconds } from '../time';

export const TABLE_KEYS = { partition: 'PK', sort: 'SK', ttl: 'ttl' } as const;

const USER = 'USER#';
const TOKEN = 'TOKEN#';
const KEY = 'KEY#';
const USE = 'USE#';
const USAGE = 'USAGE#';
const DAY = 'D#';
const SUMMARY = 'SUMMARY';
const CREATES = 'CREATES#';
const AUDIT = 'AUDIT#';
const EXPIRES = 'EXPIRES#';
const LEAKS = 'LEAKS#';
const NAME = 'NAME#';
const NOTICES = 'NOTICES#';

/** What follows `prefix` in a key attribute, or undefined when the attribute is not such a key. */
const after = (prefix: string, value: unknown): string | undefined =>
  typeof value === 'string' && value.startsWith(prefix) ? value.slice(prefix.length) : undefined;

export const keys = {
  user: (userId: string) => `${USER}${userId}`,
  token: (userId: string, tokenId: string) => ({ PK: `${USER}${userId}`, SK: `${TOKEN}${tokenId}` }),
  tokenPrefix: TOKEN,
  activeSet: (userId: string) => ({ PK: `${USER}${userId}`, SK: 'ACTIVE' }),
  /** A member of the active set: the token's expiry rides along so that expired members can be pruned. */
  activeMember: (tokenId: string, expiresAt: string | null) =>
    `${tokenId}#${expiresAt === null ? 'never' : Date.parse(expiresAt)}`,
  /** The token id of an active set member. */
  tokenIdOfActiveMember: (member: string): string => member.split('#')[0] ?? member,
  /** The expiry (epoch ms) an active set member carries; undefined for a token that never expires. */
  expiryOfActiveMember: (member: string): number | undefined => {
    const expiry = Number(member.split('#')[1]);
    return Number.isFinite(expiry) ? expiry : undefined;
  },
  /** The counter of the user's creates in the rate window that starts at `windowStart`. */
  createCount: (userId: string, windowStart: Date) => ({
    PK: `${USER}${userId}`,
    SK: `${CREATES}${epochSeconds(windowStart)}`,
  }),

  key: (keyHash: string) => ({ PK: `${KEY}${keyHash}`, SK: 'KEY' }),
  /** The token hash of a key item, from its PK. */
  keyHashOf: (pk: unknown): string | undefined => after(KEY, pk),

  useEvent: (keyHash: string, at: Date, requestId: string) => ({
    PK: `${USE}${keyHash}`,
    SK: `${at.toISOString()}#${requestId}`,
  }),
  useEventPrefix: USE,
  isUseEvent: (pk: string): boolean => pk.startsWith(USE),

  /** The partition holding a token's usage summary and day buckets. */
  usage: (tokenId: string) => `${USAGE}${tokenId}`,
  usageSummary: (tokenId: string) => ({ PK: `${USAGE}${tokenId}`, SK: SUMMARY }),
  usageDay: (tokenId: string, day: string) => ({ PK: `${USAGE}${tokenId}`, SK: `${DAY}${day}` }),
  /** The token id of a usage item, from its PK. */
  tokenIdOfUsage: (pk: unknown): string | undefined => after(USAGE, pk),
  isUsageSummary: (sk: unknown): boolean => sk === SUMMARY,
  /** The day (`yyyy-mm-dd`) of a usage day bucket, from its SK; undefined for other items. */
  dayOfUsage: (sk: unknown): string | undefined => after(DAY, sk),

  /** The partition of a user's token history, newest last in sort order. */
  auditTrail: (userId: string) => `${AUDIT}${userId}`,
  auditEntry: (userId: string, at: string, entryId: string) => ({ PK: `${AUDIT}${userId}`, SK: `${at}#${entryId}` }),

  /** The partition of the tokens that expire on a UTC day (`yyyy-mm-dd`): the expiry emitter reads it, never a scan. */
  expiryDay: (day: string) => `${EXPIRES}${day}`,
  expiryEntry: (day: string, userId: string, tokenId: string) => ({
    PK: `${EXPIRES}${day}`,
    SK: `${userId}#${tokenId}`,
  }),
  /** The counter of leak reports from `sourceIp` in the rate window that starts at `windowStart`. */
  leakReportCount: (sourceIp: string, windowStart: Date) => ({
    PK: `${LEAKS}${sourceIp}`,
    SK: String(epochSeconds(windowStart)),
  }),
  /** The claim on a name (already case-folded, lib/tokens/names.ts) among the user's working tokens. */
  nameClaim: (userId: string, claimKey: string) => ({ PK: `${USER}${userId}`, SK: `${NAME}${claimKey}` }),

  /** The partition of a user's notices (expiry, leaks), oldest first in sort order; a partition of its own for least privilege. */
  notices: (userId: string) => `${NOTICES}${userId}`,
  /** One notice of one token at `at` (ISO-8601); `label`: lib/expiry/notices.ts noticeLabel, or `leaked`. */
  notice: (userId: string, at: string, tokenId: string, label: string) => ({
    PK: `${NOTICES}${userId}`,
    SK: `${at}#${tokenId}#${label}`,
  }),
  /** The lowest sort key of a notice sent at or after `since`: notice sort keys begin with their instant. */
  noticesSince: (since: Date): string => since.toISOString(),
} as const;
