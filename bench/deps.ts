import { largeRoutePolicy } from './route-policy';
import { randomUUID } from 'node:crypto';
import { parseConfig } from '../lib/config';
import type { Deps } from '../lib/runtime';
import { createDb } from '../lib/storage/dynamodb';
import { localClient } from '../local/dynamodb-local';
import { ensureTable } from '../local/table';

/**
 * A new table on DynamoDB Local, made as serverless.yml declares it, and the configuration and client
 * the handlers are built over for it (under a route policy of 200 routes); each measurement gets its own,
 * so none sees another's items.
 */
export const freshDeps = async (endpoint: string, prefix: string): Promise<Deps> => {
  const tableName = `${prefix}-${randomUUID()}`;
  const admin = localClient(endpoint);
  try {
    await ensureTable(admin, tableName);
  } finally {
    admin.destroy();
  }
  const config = parseConfig(
    {
      STAGE: 'local',
      TABLE_NAME: tableName,
      DYNAMODB_ENDPOINT: endpoint,
      TOKEN_ENVIRONMENT: 'test',
      SESSION_ISSUER: 'bench',
      SESSION_AUDIENCE: 'bench',
      // The configuration requires a session key source; no measured handler reads it.
      SESSION_DEV_KEY_FILE: '.local/bench-unused-session-key.json',
    },
    largeRoutePolicy(),
  );
  return { config, db: createDb({ tableName, endpoint }) };
};
