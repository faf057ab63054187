import { processConfig, type Config } from './config';
import { createDb, type Db } from './storage/dynamodb';

/** What the handlers that use the table are built over: injected by the benchmark, made from the environment when deployed. */
export interface Deps {
  config: Config;
  db: Db;
}

let made: Deps | undefined;

/** This process's configuration and table client, made on first use and reused across invocations. */
export const runtimeDeps = (): Deps => {
  if (made === undefined) {
    const config = processConfig();
    made = { config, db: createDb({ tableName: config.tableName, endpoint: config.dynamoDbEndpoint }) };
  }
  return made;
};
