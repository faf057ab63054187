import type { AuditActionName } from '../contract';

/** What happened to a token, as the owner's history names it (the contract's `GET /audit` actions). */
export type AuditAction = AuditActionName;

/**
 * Who did it: the owner's own user id for what they did in the page or the API; `leak-report` and
 * `github-secret-scanning` for revocations by a leak report; `expiry` for a token that ran out.
 */
export type AuditActor = string;

/** One entry of a user's token history. */
export interface AuditEntry {
  /** ISO-8601 instant. */
  at: string;
  action: AuditAction;
  tokenId: string;
  tokenName: string;
  actor: AuditActor;
  /** The source address of the request that did it; null when no request did (expiry). */
  ip: string | null;
  /** Where a leaked token was found, when the leak report said. */
  url?: string;
}
