import { tokenCaller } from '../../../gateway/caller';
import { httpHandler } from '../../../gateway/http';
import { ok } from '../../../lib/http/response';
import { INVOICES } from '../data';

/** `GET /invoices`: the authorizer has already checked `invoices:read`. */
export const handler = httpHandler(async (event) => ok({ invoices: INVOICES, caller: tokenCaller(event) }));
