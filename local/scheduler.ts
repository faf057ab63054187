import type { ScheduledEvent } from 'aws-lambda';
import { randomUUID } from 'node:crypto';

// `npm start`'s stand-in for an EventBridge schedule, which serverless-offline does not run: calls `invoke`
// with a scheduled event at once and then every `intervalMs`, one call at a time, logging failures.

export interface Schedule {
  /** Resolves once the call under way, if any, has ended: no call follows. */
  stop: () => Promise<void>;
}

/** The event EventBridge Scheduler hands a function on each tick. */
export const scheduledEvent = (now: Date, region = 'local'): ScheduledEvent => ({
  version: '0',
  id: randomUUID(),
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: '000000000000',
  time: now.toISOString(),
  region,
  resources: [],
  detail: {},
});

export const startSchedule = (
  invoke: (event: ScheduledEvent) => Promise<unknown>,
  intervalMs: number,
  log: (msg: string) => void = console.error,
): Schedule => {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = (): void => {
    running = invoke(scheduledEvent(new Date()))
      .then(
        () => undefined,
        (error: unknown) => log(`Scheduled invocation failed: ${String(error)}`),
      )
      .then(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  tick();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
};
