import { ok } from '../lib/http/response';
import { db } from '../lib/storage/dynamodb';
import { getUsage } from '../lib/usage/service';
import { httpHandler, sessionUser } from './http';

export const handler = httpHandler(async (event) => {
  const userId = await sessionUser(event);
  return ok(await getUsage(db(), userId, event.pathParameters?.id ?? '', new Date()));
});
