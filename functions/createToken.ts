import { changeSource } from '../gateway/change-source';
import { httpHandler, sourceIp } from '../gateway/http';
import { sessionUser } from '../gateway/session';
import { auditTokenChange } from '../lib/audit-log';
import { parseBody } from '../lib/http/body';
import { orRefuse } from '../lib/http/refusals';
import { ok } from '../lib/http/response';
import { runtimeDeps, type Deps } from '../lib/runtime';
import { createTokenSchema } from '../lib/tokens/schemas';
import { createToken } from '../lib/tokens/service';

export const createTokenHandler = (deps: () => Deps) =>
  httpHandler(async (event) => {
    const { config, db } = deps();
    const userId = await sessionUser(config.session, event);
    const now = new Date();
    const input = parseBody(createTokenSchema(config.tokens, now), event.body);
    const source = changeSource(event, userId, config);
    const created = orRefuse(await createToken(db, config.tokens, userId, input, now, source));
    auditTokenChange('created', { userId, tokenId: created.id, name: created.name, sourceIp: sourceIp(event) });
    return ok(created, 201);
  });

export const handler = createTokenHandler(runtimeDeps);
