import { tokenCaller } from '../gateway/caller';
import { httpHandler } from '../gateway/http';
import { ok } from '../lib/http/response';

export const handler = httpHandler(async (event) => ok(tokenCaller(event)));
