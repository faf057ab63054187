import { spawn } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { httpStatus } from '../../local/http-status';
import { freePort } from '../../local/free-port';
import { stopGroup } from './process-group';
import { githubStandIn } from '../support/leaks';
import { setUp, stopOnTeardown } from './running';

const READY_TIMEOUT_MS = 180_000;
export const SERVICE_LOG = '.local/test-service.log';

/** A service `launchService` started: its web server (API and settings page) and examples/host-api. */
export interface LaunchedService {
  url: string;
  exampleUrl: string;
  dynamoPort: number;
  stop: () => Promise<void>;
}

/**
 * Starts the service exactly as `npm start` does, on free ports (DynamoDB Local's is `env.DYNAMODB_PORT` when
 * given), with `env` added to its environment, and waits for `GET /health` and the example host API.
 *
 * @example
 * const service = await launchService({ DYNAMODB_EXTERNAL: 'true', DYNAMODB_PORT: '8123' }, '.local/faults.log');
 */
export const launchService = async (
  env: Record<string, string> = {},
  logFile = SERVICE_LOG,
): Promise<LaunchedService> => {
  const [port, offlinePort, lambdaPort, dynamoPort, examplePort, exampleLambdaPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  mkdirSync('.local', { recursive: true });
  const log = openSync(logFile, 'w');
  const child = spawn(process.execPath, [require.resolve('tsx/cli'), 'local/start.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      OFFLINE_PORT: String(offlinePort),
      LAMBDA_PORT: String(lambdaPort),
      DYNAMODB_PORT: String(dynamoPort),
      EXAMPLE_PORT: String(examplePort),
      EXAMPLE_LAMBDA_PORT: String(exampleLambdaPort),
      ...env,
    },
    stdio: ['ignore', log, log],
    detached: true,
  });
  const stop = () => stopGroup(child);
  const url = `http://127.0.0.1:${port}`;
  const exampleUrl = `http://127.0.0.1:${examplePort}`;

  const deadline = Date.now() + READY_TIMEOUT_MS;
  try {
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`the service exited with ${child.exitCode ?? child.signalCode}; see ${logFile}`);
      // examples/host-api has no public route: any answer (401 token_missing) means it is up.
      if ((await httpStatus(`${url}/health`)) === 200 && (await httpStatus(`${exampleUrl}/invoices`)) !== undefined) {
        return { url, exampleUrl, dynamoPort: Number(env.DYNAMODB_PORT ?? dynamoPort), stop };
      }
      await sleep(250);
    }
    throw new Error(
      `the service (/health) or the example host API did not answer within ${READY_TIMEOUT_MS} ms; see ${logFile}`,
    );
  } catch (error) {
    await stop();
    throw error;
  }
};

/** The shared service of the e2e and browser projects, at SERVICE_URL and EXAMPLE_URL. */
const launch = async (): Promise<void> => {
  const github = await githubStandIn();
  stopOnTeardown(github.stop);
  const service = await launchService({ GITHUB_SECRET_SCANNING_KEYS_URL: github.keysUrl });
  stopOnTeardown(service.stop);
  process.env.SERVICE_URL = service.url;
  process.env.EXAMPLE_URL = service.exampleUrl;
  process.env.SERVICE_DYNAMODB_ENDPOINT = `http://127.0.0.1:${service.dynamoPort}`;
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
