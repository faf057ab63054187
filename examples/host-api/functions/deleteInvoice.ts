import { tokenCaller } from '../../../gateway/caller';
import { httpHandler } from '../../../gateway/http';
import { ApiError } from '../../../lib/errors';
import { ok } from '../../../lib/http/response';
import { INVOICES } from '../data';

/** `DELETE /invoices/{invoiceId}`: the authorizer has already checked `invoices:write`. Nothing is really deleted. */
export const handler = httpHandler(async (event) => {
  const invoice = INVOICES.find(({ id }) => id === event.pathParameters?.invoiceId);
  if (invoice === undefined) throw new ApiError('route_not_found');
  return ok({ deleted: invoice.id, caller: tokenCaller(event) });
});
