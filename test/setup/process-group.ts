import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';

const STOP_TIMEOUT_MS = 10_000;

const signalGroup = (pgid: number, signal: NodeJS.Signals): void => {
  try {
    process.kill(-pgid, signal);
  } catch {
    // the group has gone already
  }
};

/** Stops a detached child and every process it started: SIGTERM to the group, SIGKILL to what is left. */
export const stopGroup = async (child: ChildProcess): Promise<void> => {
  if (child.pid === undefined) return;
  const running = child.exitCode === null && child.signalCode === null;
  signalGroup(child.pid, 'SIGTERM');
  if (running) await Promise.race([once(child, 'exit'), sleep(STOP_TIMEOUT_MS, undefined, { ref: false })]);
  // Also when the child itself died early, leaving its own children behind.
  signalGroup(child.pid, 'SIGKILL');
};
