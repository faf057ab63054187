import { auditItem } from '../audit/store';
import { logger, SERVICE_NAME } from '../log';
import { noticeItem } from '../notices/store';
import type { Db } from '../storage/dynamodb';
import { findKey, findToken } from '../tokens/store';
import { readCalendar } from './calendar';
import { claimNotice, markSent, releaseClaim } from './claims';
import { calendarDays, dueNotice, noticeLabel } from './notices';
import type { ExpiryPublisher } from './publish';
import type { CalendarEntry, DueNotice, ExpiryEvent } from './types';

export interface ExpirySettings {
  warningDays: readonly number[];
  stage: string;
  auditRetentionDays: number;
}

/** What one run did: notices published, and notices whose publish failed (sent by a later run). */
export interface ExpiryRun {
  sent: number;
  failed: number;
}

/** The audit trail's actor for a token that ran out. */
const EXPIRY_ACTOR = 'expiry';

interface LiveToken {
  name: string;
  hint: string | undefined;
}

/**
 * The token of a calendar entry, if it still works as the entry says: not revoked, and still expiring
 * when the entry was written for (a roll or a change of expiry leaves the old entry behind).
 */
const liveToken = async (db: Db, entry: CalendarEntry): Promise<LiveToken | undefined> => {
  const [key, listing] = await Promise.all([findKey(db, entry.keyHash), findToken(db, entry.userId, entry.tokenId)]);
  if (key === undefined || listing === undefined) return undefined;
  // A rolled token (graceUntil set) has been replaced: its successor's own entry warns instead.
  if (key.revokedAt !== null || key.graceUntil !== undefined) return undefined;
  if (key.expiresAt !== entry.expiresAt || key.tokenId !== entry.tokenId) return undefined;
  const hint = 'hint' in listing && typeof listing.hint === 'string' ? listing.hint : undefined;
  return { name: listing.name, hint };
};

const expiryEvent = (entry: CalendarEntry, token: LiveToken, due: DueNotice, stage: string, now: Date): ExpiryEvent => {
  const threshold = due.kind === 'expired' ? 0 : due.kind;
  return {
    source: SERVICE_NAME,
    detailType: due.kind === 'expired' ? 'API token expired' : 'API token expiring',
    time: now.toISOString(),
    detail: {
      noticeId: `${entry.tokenId}:${noticeLabel(due.kind)}`,
      stage,
      userId: entry.userId,
      tokenId: entry.tokenId,
      tokenName: token.name,
      ...(token.hint === undefined ? {} : { hint: token.hint }),
      expiresAt: entry.expiresAt,
      daysLeft: due.daysLeft,
      threshold,
    },
  };
};

/**
 * Claims, publishes and marks sent the notice due now for one calendar entry, if any. The claim is a
 * conditional write, so of runs that overlap only one publishes; a failed publish gives the claim back.
 */
const sendDueNotice = async (
  db: Db,
  publisher: ExpiryPublisher,
  settings: ExpirySettings,
  entry: CalendarEntry,
  now: Date,
): Promise<'sent' | 'failed' | 'none'> => {
  const due = dueNotice(new Date(entry.expiresAt), settings.warningDays, now);
  if (due === undefined || entry.sent.has(noticeLabel(due.kind))) return 'none';
  const token = await liveToken(db, entry);
  if (token === undefined) return 'none';
  const claim = await claimNotice(db, entry, noticeLabel(due.kind), now);
  if (claim === undefined) return 'none';
  const event = expiryEvent(entry, token, due, settings.stage, now);
  try {
    await publisher.publish(event);
  } catch (error) {
    logger.warn('Expiry event not published; the next run sends it', { tokenId: entry.tokenId, error });
    await releaseClaim(db, claim);
    return 'failed';
  }
  const audit =
    due.kind === 'expired'
      ? [
          auditItem(
            db,
            entry.userId,
            {
              at: entry.expiresAt,
              action: 'expired',
              tokenId: entry.tokenId,
              tokenName: token.name,
              actor: EXPIRY_ACTOR,
              ip: null,
            },
            settings.auditRetentionDays,
          ),
        ]
      : [];
  // The owner's in-app notice is written with the mark, so it exists exactly once as the event does.
  if (!(await markSent(db, claim, [...audit, noticeItem(db, event, claim.label)])))
    logger.error('Expiry claim lapsed before it was marked sent: the notice may be sent twice', {
      tokenId: entry.tokenId,
    });
  return 'sent';
};

/**
 * Sends every expiry notice that is due at `now`: for each token that still works, one warning per
 * threshold it comes within and one notice once it has expired, each once across all runs. Reads the
 * expiry calendar of the days concerned, never the whole table.
 *
 * @example
 * export const handler = async () => emitExpiryEvents(db, publisherFor(config.expiry.eventBus), settings, new Date());
 */
export const emitExpiryEvents = async (
  db: Db,
  publisher: ExpiryPublisher,
  settings: ExpirySettings,
  now: Date,
): Promise<ExpiryRun> => {
  const entries = await readCalendar(db, calendarDays(now, settings.warningDays));
  const run: ExpiryRun = { sent: 0, failed: 0 };
  for (const entry of entries) {
    const outcome = await sendDueNotice(db, publisher, settings, entry, now);
    if (outcome !== 'none') run[outcome]++;
  }
  return run;
};
