import { changeSource } from '../gateway/change-source';
import { httpHandler } from '../gateway/http';
import { sessionUser } from '../gateway/session';
import { parseBody } from '../lib/http/body';
import { orRefuse } from '../lib/http/refusals';
import { ok } from '../lib/http/response';
import { runtimeDeps, type Deps } from '../lib/runtime';
import { updateTokenSchema } from '../lib/tokens/schemas';
import { updateToken } from '../lib/tokens/service';

export const updateTokenHandler = (deps: () => Deps) =>
  httpHandler(async (event) => {
    const { config, db } = deps();
    const userId = await sessionUser(config.session, event);
    const changes = parseBody(updateTokenSchema, event.body);
    const id = event.pathParameters?.id ?? '';
    const source = changeSource(event, userId, config);
    return ok(orRefuse(await updateToken(db, config.tokens, userId, id, changes, new Date(), source)));
  });

export const handler = updateTokenHandler(runtimeDeps);
