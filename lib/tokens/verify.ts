import { hashToken, parseToken, type TokenFormat } from './format';
import { graceEnded } from './grace';
import { allows, type Access } from './scopes';
import { isExpired } from './status';
import type { KeyRecord } from './types';

export type Refusal =
  'malformed' | 'wrong_environment' | 'unknown' | 'revoked' | 'expired' | 'disabled' | 'insufficient_scope';

/** What a request needs: a scope on a module, or nothing beyond a valid token. */
export type Requirement = { module: string; access: Access } | null;

export type Verdict =
  | { valid: true; userId: string; tokenId: string; scopes: string[] }
  | { valid: false; reason: Refusal; requirement?: Requirement; key?: KeyRecord };

/**
 * Judges a stored key against the clock and the route's requirement; revocation outranks expiry, which
 * outranks a pause (disabled: it may be lifted, the others not).
 * A revoked key is refused whatever `now` says: the clock that stamped the revocation may run ahead of this one.
 * A rolled key is refused as revoked once its grace period is over by `now`.
 */
export const judgeKey = (key: KeyRecord | undefined, requirement: Requirement, now: Date): Verdict => {
  if (key === undefined) return { valid: false, reason: 'unknown' };
  if (key.revokedAt !== null || graceEnded(key, now)) return { valid: false, reason: 'revoked', key };
  if (isExpired(key.expiresAt === null ? null : new Date(key.expiresAt), now))
    return { valid: false, reason: 'expired', key };
  if (key.disabled === true) return { valid: false, reason: 'disabled', key };
  if (requirement !== null && !allows(key.scopes, requirement.module, requirement.access)) {
    return { valid: false, reason: 'insufficient_scope', requirement, key };
  }
  return { valid: true, userId: key.userId, tokenId: key.tokenId, scopes: key.scopes };
};

export interface VerifyDeps {
  format: TokenFormat;
  findKey: (keyHash: string) => Promise<KeyRecord | undefined>;
}

/** Verifies a presented token: format and checksum first (no I/O), then one read by its hash. */
export const verifyToken = async (
  deps: VerifyDeps,
  presented: string,
  requirement: Requirement,
  now: Date,
): Promise<Verdict> => {
  const parsed = parseToken(presented, deps.format);
  if (!parsed.ok) return { valid: false, reason: parsed.reason };
  return judgeKey(await deps.findKey(hashToken(parsed.token)), requirement, now);
};
