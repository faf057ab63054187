import { httpHandler } from '../gateway/http';
import { sessionUser } from '../gateway/session';
import { listAudit } from '../lib/audit/service';
import { auditPageStart } from '../lib/http/audit-query';
import { ok } from '../lib/http/response';
import { runtimeDeps, type Deps } from '../lib/runtime';

export const listAuditHandler = (deps: () => Deps) =>
  httpHandler(async (event) => {
    const { config, db } = deps();
    const userId = await sessionUser(config.session, event);
    const after = auditPageStart(userId, {
      single: event.queryStringParameters,
      multi: event.multiValueQueryStringParameters,
    });
    return ok(await listAudit(db, userId, after));
  });

export const handler = listAuditHandler(runtimeDeps);
