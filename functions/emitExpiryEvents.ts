import type { Context, ScheduledEvent } from 'aws-lambda';
import { logContext } from '../gateway/lambda-context';
import { emitExpiryEvents, type ExpiryRun } from '../lib/expiry/emit';
import { publisherFor, type ExpiryPublisher } from '../lib/expiry/publish';
import { runtimeDeps, type Deps } from '../lib/runtime';

/** Scheduled (serverless.yml): sends the expiry warnings and expired notices that are due. */
export const emitExpiryEventsHandler = (deps: () => Deps, publisher: (deps: Deps) => ExpiryPublisher) => {
  let made: ExpiryPublisher | undefined;
  return async (_event: ScheduledEvent, context?: Context): Promise<ExpiryRun> => {
    logContext(context);
    const { config, db } = deps();
    made ??= publisher(deps());
    const settings = { ...config.expiry, stage: config.stage, auditRetentionDays: config.audit.retentionDays };
    return emitExpiryEvents(db, made, settings, new Date());
  };
};

export const handler = emitExpiryEventsHandler(runtimeDeps, ({ config }) => publisherFor(config.expiry.eventBus));
