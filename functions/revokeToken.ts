import { changeSource } from '../gateway/change-source';
import { httpHandler, sourceIp } from '../gateway/http';
import { sessionUser } from '../gateway/session';
import { auditTokenChange } from '../lib/audit-log';
import { orRefuse } from '../lib/http/refusals';
import { runtimeDeps, type Deps } from '../lib/runtime';
import { revokeToken } from '../lib/tokens/service';

export const revokeTokenHandler = (deps: () => Deps) =>
  httpHandler(async (event) => {
    const { config, db } = deps();
    const userId = await sessionUser(config.session, event);
    const id = event.pathParameters?.id ?? '';
    const source = changeSource(event, userId, config);
    const revoked = orRefuse(await revokeToken(db, config.tokens, userId, id, new Date(), source));
    auditTokenChange('revoked', { userId, tokenId: revoked.id, name: revoked.name, sourceIp: sourceIp(event) });
    return { status: 204 };
  });

export const handler = revokeTokenHandler(runtimeDeps);
