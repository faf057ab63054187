import { spawn } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { httpStatus } from '../../local/http-status';
import { freePort } from '../../local/free-port';

const READY_TIMEOUT_MS = 180_000;
export const SERVICE_LOG = '.local/test-service.log';

/** Starts the service exactly as `npm start` does, on free ports, and waits for `GET /health`. */
export default async function globalSetup(): Promise<void> {
  const [port, offlinePort, lambdaPort, dynamoPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  mkdirSync('.local', { recursive: true });
  const log = openSync(SERVICE_LOG, 'w');
  const child = spawn(process.execPath, [require.resolve('tsx/cli'), 'local/start.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      OFFLINE_PORT: String(offlinePort),
      LAMBDA_PORT: String(lambdaPort),
      DYNAMODB_PORT: String(dynamoPort),
    },
    stdio: ['ignore', log, log],
    detached: true,
  });
  (globalThis as { serviceProcess?: typeof child }).serviceProcess = child;
  process.env.SERVICE_URL = `http://127.0.0.1:${port}`;
  process.env.DYNAMODB_ENDPOINT = `http://127.0.0.1:${dynamoPort}`;

  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode}; see ${SERVICE_LOG}`);
    if ((await httpStatus(`${process.env.SERVICE_URL}/health`)) === 200) return;
    await sleep(250);
  }
  throw new Error(`the service did not answer /health within ${READY_TIMEOUT_MS} ms; see ${SERVICE_LOG}`);
}
