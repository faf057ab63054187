import { httpHandler } from '../gateway/http';
import { processConfig, type Config } from '../lib/config';
import { ok } from '../lib/http/response';
import { allScopes } from '../lib/tokens/scopes';

export const listScopesHandler = (config: () => Config) =>
  httpHandler(async () => ok({ scopes: allScopes(config().tokens.modules) }));

export const handler = listScopesHandler(processConfig);
