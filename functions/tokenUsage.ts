import { httpHandler } from '../gateway/http';
import { sessionUser } from '../gateway/session';
import { orRefuse } from '../lib/http/refusals';
import { ok } from '../lib/http/response';
import { runtimeDeps, type Deps } from '../lib/runtime';
import { getUsage } from '../lib/usage/service';

export const tokenUsageHandler = (deps: () => Deps) =>
  httpHandler(async (event) => {
    const { config, db } = deps();
    const userId = await sessionUser(config.session, event);
    return ok(orRefuse(await getUsage(db, userId, event.pathParameters?.id ?? '', new Date())));
  });

export const handler = tokenUsageHandler(runtimeDeps);
