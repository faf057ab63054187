/** A token as its owner sees it (the plain token is never part of it). */
export interface TokenRecord {
  id: string;
  userId: string;
  name: string;
  scopes: string[];
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  keyHash: string;
  /** Absent on tokens made before hints were stored. */
  hint?: string;
  description?: string | null;
  disabled?: boolean;
  /** Set when revoked: the listing stays, marked, for the retention period. */
  revokedAt?: string;
  /** Set when the token was rolled with a grace period: it stops working at this instant (ISO-8601). */
  graceUntil?: string;
  /** Set when the token was rolled: the id of the token that replaced it. */
  rolledTo?: string;
  /** Set when a leak report revoked the token: who reported it, and where it was found if they said. */
  leak?: LeakMark;
}

/** What a listing keeps of the leak report that revoked its token. */
export interface LeakMark {
  reporter: string;
  url?: string;
}

/** What the authorizer reads for a presented token, found by the token's hash. */
export interface KeyRecord {
  userId: string;
  tokenId: string;
  scopes: string[];
  expiresAt: string | null;
  revokedAt: string | null;
  /** True while the owner has paused the token; absent means working. */
  disabled?: boolean;
  /** Set when the token was rolled with a grace period: from this instant on it is refused as revoked. */
  graceUntil?: string;
}
