import { tokenCaller } from '../../../gateway/caller';
import { httpHandler } from '../../../gateway/http';
import { ok } from '../../../lib/http/response';
import { CASE_NOTES } from '../data';

/** `GET /cases/{caseId}/notes`: the authorizer has already checked `cases:read`. */
export const handler = httpHandler(async (event) => {
  const caseId = event.pathParameters?.caseId;
  return ok({ notes: CASE_NOTES.filter((note) => note.caseId === caseId), caller: tokenCaller(event) });
});
