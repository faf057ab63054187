import { config } from '../lib/config';
import { ok } from '../lib/http/response';
import { db } from '../lib/storage/dynamodb';
import { listTokens } from '../lib/tokens/service';
import { httpHandler, sessionUser } from './http';

export const handler = httpHandler(async (event) => {
  const userId = await sessionUser(event);
  return ok(await listTokens(db(), config().tokens, userId, new Date()));
});
