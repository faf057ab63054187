import { auditItem } from '../audit/store';
import type { AuditEntry } from '../audit/types';
import type { Config } from '../config';
import { leakNoticeItem } from '../notices/store';
import type { Db } from '../storage/dynamodb';
import { hashToken, parseToken } from '../tokens/format';
import { retainUntil } from '../tokens/service';
import { findKey, findToken, revokeTokenRecord } from '../tokens/store';
import type { KeyRecord } from '../tokens/types';
import { judgeKey } from '../tokens/verify';
import type { FoundToken } from './schemas';

/** Who sent a leak report: the audit actor it is recorded as, and its source address. */
export interface LeakReporter {
  actor: 'leak-report' | 'github-secret-scanning';
  ip: string;
}

/** A token a leak report revoked, for the audit log line (never the plain token). */
export interface RevokedLeak {
  userId: string;
  tokenId: string;
  name: string;
}

/** Lookups at once: a report of 500 tokens must not open 500 connections. */
const PARALLEL = 25;

const working = (key: KeyRecord | undefined, now: Date): key is KeyRecord =>
  key !== undefined && judgeKey(key, null, now).valid;

/** Each distinct well-formed token once, by its hash, with the first URL reported for it. */
const wellFormed = (found: readonly FoundToken[], settings: Config['tokens']): Map<string, FoundToken> => {
  const byHash = new Map<string, FoundToken>();
  for (const item of found) {
    const parsed = parseToken(item.token, settings);
    if (!parsed.ok) continue;
    const hash = hashToken(parsed.token);
    if (!byHash.has(hash)) byHash.set(hash, item);
  }
  return byHash;
};

const revokeOne = async (
  db: Db,
  config: Pick<Config, 'tokens' | 'audit'>,
  keyHash: string,
  found: FoundToken,
  reporter: LeakReporter,
  now: Date,
): Promise<RevokedLeak | undefined> => {
  const key = await findKey(db, keyHash);
  if (!working(key, now)) return undefined;
  const record = await findToken(db, key.userId, key.tokenId);
  if (record === undefined) return undefined;
  const entry: AuditEntry = {
    at: now.toISOString(),
    action: 'revoked_leaked',
    tokenId: record.id,
    tokenName: record.name,
    actor: reporter.actor,
    ip: reporter.ip,
    ...(found.url === undefined ? {} : { url: found.url }),
  };
  const audit = auditItem(db, record.userId, entry, config.audit.retentionDays);
  // The owner hears of it at the top of their page, as of an expiry.
  const notice = leakNoticeItem(db, record.userId, {
    noticeId: `${record.id}:leaked`,
    kind: 'revoked_leaked',
    at: entry.at,
    tokenId: record.id,
    tokenName: record.name,
    hint: record.hint ?? null,
    reporter: reporter.actor,
    url: found.url ?? null,
  });
  const leak = { reporter: reporter.actor, ...(found.url === undefined ? {} : { url: found.url }) };
  const revoked = await revokeTokenRecord(db, record, now, retainUntil(now, config.tokens), {
    alsoWrite: [audit, notice],
    leak,
  });
  return revoked ? { userId: record.userId, tokenId: record.id, name: record.name } : undefined;
};

/**
 * Revokes every token of `found` that is well formed (prefix, this stage's environment, checksum), known
 * and still working, each with its `revoked_leaked` audit entry in the same transaction. Every well-formed
 * token costs the same key read whatever it turns out to be; malformed ones cost none.
 */
export const revokeLeakedTokens = async (
  db: Db,
  config: Pick<Config, 'tokens' | 'audit'>,
  found: readonly FoundToken[],
  reporter: LeakReporter,
  now: Date,
): Promise<RevokedLeak[]> => {
  const candidates = [...wellFormed(found, config.tokens)];
  const revoked: RevokedLeak[] = [];
  for (let start = 0; start < candidates.length; start += PARALLEL) {
    const batch = candidates.slice(start, start + PARALLEL);
    const done = await Promise.all(batch.map(([hash, item]) => revokeOne(db, config, hash, item, reporter, now)));
    for (const leak of done) if (leak !== undefined) revoked.push(leak);
  }
  return revoked;
};
