import { httpHandler } from '../gateway/http';
import { sessionUser } from '../gateway/session';
import { tokenPageRequest } from '../lib/http/list-query';
import { ok } from '../lib/http/response';
import { runtimeDeps, type Deps } from '../lib/runtime';
import { listTokens } from '../lib/tokens/service';

export const listTokensHandler = (deps: () => Deps) =>
  httpHandler(async (event) => {
    const { config, db } = deps();
    const userId = await sessionUser(config.session, event);
    const page = tokenPageRequest(userId, {
      single: event.queryStringParameters,
      multi: event.multiValueQueryStringParameters,
    });
    return ok(await listTokens(db, userId, new Date(), page));
  });

export const handler = listTokensHandler(runtimeDeps);
