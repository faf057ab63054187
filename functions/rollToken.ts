import { httpHandler, sourceIp } from '../gateway/http';
import { sessionUser } from '../gateway/session';
import { parseBody } from '../lib/http/body';
import { orRefuse } from '../lib/http/refusals';
import { ok } from '../lib/http/response';
import { runtimeDeps, type Deps } from '../lib/runtime';
import { rollToken } from '../lib/tokens/roll';
import { rollTokenSchema } from '../lib/tokens/roll-schema';

export const rollTokenHandler = (deps: () => Deps, clock: () => Date = () => new Date()) =>
  httpHandler(async (event) => {
    const { config, db } = deps();
    const userId = await sessionUser(config.session, event);
    // The body may be left out: every field has its default.
    const input = parseBody(rollTokenSchema, event.body || '{}');
    const rolled = orRefuse(
      await rollToken(db, config, { userId, ip: sourceIp(event) }, event.pathParameters?.id ?? '', input, clock()),
    );
    return ok(rolled, 201);
  });

export const handler = rollTokenHandler(runtimeDeps);
