import { emitExpiryEvents, type ExpiryRun, type ExpirySettings } from '../../lib/expiry/emit';
import type { ExpiryPublisher } from '../../lib/expiry/publish';
import { serviceDb } from './seed-tokens';

// What `npm start` configures: EXPIRY_WARNING_DAYS' default, the local stage, the audit's default retention.
const LOCAL_EXPIRY: ExpirySettings = { warningDays: [30, 7, 1], stage: 'local', auditRetentionDays: 365 };

// The events themselves are the emitter's tests'; these tests read the notices it leaves for the page.
const acceptingPublisher: ExpiryPublisher = { publish: async () => undefined };

/**
 * Runs the expiry emitter once over the running service's table with the clock `now`, as its every-minute
 * schedule would: a test sees its notices without waiting for the next tick.
 */
export const emitDueNotices = (now = new Date()): Promise<ExpiryRun> =>
  emitExpiryEvents(serviceDb(), acceptingPublisher, LOCAL_EXPIRY, now);
