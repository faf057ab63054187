import { config } from '../lib/config';
import { ApiError } from '../lib/errors';
import { ok } from '../lib/http/response';
import { accessFor } from '../lib/tokens/scopes';
import { httpHandler, tokenCaller } from './http';

/** A stand-in for the host application's module API, so that scopes can be exercised end to end. */
export const handler = httpHandler(async (event) => {
  const module = event.pathParameters?.module ?? '';
  if (!config().tokens.modules.includes(module))
    throw new ApiError('route_not_found', `No module named "${module.slice(0, 40)}"`);
  return ok({ module, access: accessFor(event.httpMethod), caller: tokenCaller(event) });
});
