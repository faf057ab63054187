import type { ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

/** Stops the service started by global-setup, and its DynamoDB Local, as a process group. */
export default async function globalTeardown(): Promise<void> {
  const child = (globalThis as { serviceProcess?: ChildProcess }).serviceProcess;
  if (child?.pid === undefined || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid, 'SIGTERM');
  await Promise.race([exited, sleep(10_000, undefined, { ref: false })]);
  if (child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
}
