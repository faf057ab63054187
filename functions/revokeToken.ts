import { httpHandler, sessionUser } from '../gateway/http';
import { orRefuse } from '../lib/http/refusals';
import { runtimeDeps, type Deps } from '../lib/runtime';
import { revokeToken } from '../lib/tokens/service';

export const revokeTokenHandler = (deps: () => Deps) =>
  httpHandler(async (event) => {
    const { config, db } = deps();
    const userId = await sessionUser(config.session, event);
    orRefuse(await revokeToken(db, config.tokens, userId, event.pathParameters?.id ?? '', new Date()));
    return { status: 204 };
  });

export const handler = revokeTokenHandler(runtimeDeps);
