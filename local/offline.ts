import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { LOCAL_STAGE } from './service-definition';

/** The token service's serverless.yml folder. */
export const TOKEN_SERVICE_DIR = join(__dirname, '..');
/** Another service whose routes sit behind the token service's authorizer (its serverless.yml). */
export const HOST_EXAMPLE_DIR = join(TOKEN_SERVICE_DIR, 'examples', 'host-api');

/** `serverless offline start` of the service in `serviceDir`, with the repository root's serverless and plugins. */
export const startOffline = (serviceDir: string, env: NodeJS.ProcessEnv): ChildProcess =>
  spawn(
    process.execPath,
    [require.resolve('serverless/bin/serverless.js'), 'offline', 'start', '--stage', LOCAL_STAGE],
    { cwd: serviceDir, env, stdio: 'inherit' },
  );
