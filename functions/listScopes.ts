import { config } from '../lib/config';
import { ok } from '../lib/http/response';
import { allScopes } from '../lib/tokens/scopes';
import { httpHandler } from './http';

export const handler = httpHandler(async () => ok({ scopes: allScopes(config().tokens.modules) }));
