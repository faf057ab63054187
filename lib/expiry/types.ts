/** Which notice: a warning `threshold` days before expiry, or the notice that the token has expired. */
export type NoticeKind = number | 'expired';

/** A notice that is due for one token now. */
export interface DueNotice {
  kind: NoticeKind;
  /** Whole days left, rounded up; 0 once expired. */
  daysLeft: number;
}

/** One row of the expiry calendar: a token that expires on that row's day. */
export interface CalendarEntry {
  day: string;
  userId: string;
  tokenId: string;
  keyHash: string;
  /** The token's name when it was created (the listing's current name is preferred). */
  name: string;
  expiresAt: string;
  /** Notices already sent, by `noticeLabel`. */
  sent: ReadonlySet<string>;
}

/**
 * The `detail` of an expiry event on EventBridge (source `api-tokens`, detail-type `API token expiring`
 * or `API token expired`).
 */
export interface ExpiryEventDetail {
  /** The same for every delivery of one notice: `<tokenId>:<threshold>` or `<tokenId>:expired`, for consumers that deduplicate. */
  noticeId: string;
  stage: string;
  userId: string;
  tokenId: string;
  tokenName: string;
  /** The token's non-secret hint (`mp_live_…x9Qa`), when the token has one. */
  hint?: string;
  expiresAt: string;
  daysLeft: number;
  /** The warning threshold in days; 0 for the expired notice. */
  threshold: number;
}

export interface ExpiryEvent {
  source: string;
  detailType: 'API token expiring' | 'API token expired';
  /** When the notice was due to be sent (the emitter's clock). */
  time: string;
  detail: ExpiryEventDetail;
}
