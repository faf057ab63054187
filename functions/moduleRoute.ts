import { tokenCaller } from '../gateway/caller';
import { httpHandler } from '../gateway/http';
import { processConfig, type Config } from '../lib/config';
import { ApiError } from '../lib/errors';
import { ok } from '../lib/http/response';
import { accessFor } from '../lib/tokens/scopes';

/** A stand-in for the host application's module API, so that scopes can be exercised end to end. */
export const moduleRouteHandler = (config: () => Config) =>
  httpHandler(async (event) => {
    const module = config().tokens.modules.find((name) => name === event.pathParameters?.module);
    if (module === undefined) throw new ApiError('route_not_found');
    return ok({ module, access: accessFor(event.httpMethod), caller: tokenCaller(event) });
  });

export const handler = moduleRouteHandler(processConfig);
