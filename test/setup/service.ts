import { spawn } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { httpStatus } from '../../local/http-status';
import { freePort } from '../../local/free-port';
import { stopGroup } from './process-group';
import { setUp, stopOnTeardown } from './running';

const READY_TIMEOUT_MS = 180_000;
export const SERVICE_LOG = '.local/test-service.log';

/** Starts the service exactly as `npm start` does, on free ports, and waits for `GET /health` and the example host API. */
const launch = async (): Promise<void> => {
  const [port, offlinePort, lambdaPort, dynamoPort, examplePort, exampleLambdaPort] = [
    await freePort(),
    await freePort(),
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
      EXAMPLE_PORT: String(examplePort),
      EXAMPLE_LAMBDA_PORT: String(exampleLambdaPort),
    },
    stdio: ['ignore', log, log],
    detached: true,
  });
  stopOnTeardown(() => stopGroup(child));
  const url = `http://127.0.0.1:${port}`;
  const exampleUrl = `http://127.0.0.1:${examplePort}`;

  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`the service exited with ${child.exitCode ?? child.signalCode}; see ${SERVICE_LOG}`);
    // examples/host-api has no public route: any answer (401 token_missing) means it is up.
    if ((await httpStatus(`${url}/health`)) === 200 && (await httpStatus(`${exampleUrl}/invoices`)) !== undefined) {
      process.env.SERVICE_URL = url;
      process.env.EXAMPLE_URL = exampleUrl;
      return;
    }
    await sleep(250);
  }
  throw new Error(
    `the service (/health) or the example host API did not answer within ${READY_TIMEOUT_MS} ms; see ${SERVICE_LOG}`,
  );
};

/** The local service at SERVICE_URL (and examples/host-api at EXAMPLE_URL), started once however many projects (e2e, browser) ask for it. */
export const startService = (): Promise<void> => {
  const shared = globalThis as { service?: Promise<void> };
  if (shared.service === undefined) {
    shared.service = launch();
    stopOnTeardown(async () => {
      delete shared.service;
    });
  }
  return shared.service;
};

export default (): Promise<void> => setUp(startService);
