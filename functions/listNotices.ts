import { httpHandler } from '../gateway/http';
import { sessionUser } from '../gateway/session';
import { ok } from '../lib/http/response';
import { listNotices } from '../lib/notices/service';
import { runtimeDeps, type Deps } from '../lib/runtime';

export const listNoticesHandler = (deps: () => Deps) =>
  httpHandler(async (event) => {
    const { config, db } = deps();
    const userId = await sessionUser(config.session, event);
    return ok(await listNotices(db, userId, new Date()));
  });

export const handler = listNoticesHandler(runtimeDeps);
