import { ok } from '../lib/http/response';
import { httpHandler, tokenCaller } from './http';

export const handler = httpHandler(async (event) => ok(tokenCaller(event)));
