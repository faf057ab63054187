import type { ScheduledEvent } from 'aws-lambda';
import { startSchedule } from '../../../local/scheduler';

describe("npm start's stand-in for an EventBridge schedule", () => {
  it('invokes at once and again after each interval with a scheduled event, one call at a time, until stopped', async () => {
    const events: ScheduledEvent[] = [];
    let inFlight = 0;
    let most = 0;
    let third: () => void = () => undefined;
    const reachedThird = new Promise<void>((resolve) => (third = resolve));
    const schedule = startSchedule(async (event) => {
      inFlight++;
      most = Math.max(most, inFlight);
      events.push(event);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight--;
      if (events.length === 3) third();
    }, 1);
    await reachedThird;
    await schedule.stop();
    const calls = events.length;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(events.length).toBe(calls);
    expect(most).toBe(1);
    expect(events[0]).toMatchObject({ source: 'aws.events', 'detail-type': 'Scheduled Event' });
  });

  it('keeps ticking after a failed invocation, and logs it', async () => {
    const logged: string[] = [];
    let calls = 0;
    let second: () => void = () => undefined;
    const reachedSecond = new Promise<void>((resolve) => (second = resolve));
    const schedule = startSchedule(
      async () => {
        calls++;
        if (calls === 2) second();
        if (calls === 1) throw new Error('function error');
      },
      1,
      (msg) => logged.push(msg),
    );
    await reachedSecond;
    await schedule.stop();
    expect(logged).toEqual(['Scheduled invocation failed: Error: function error']);
  });
});
