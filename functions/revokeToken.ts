import { config } from '../lib/config';
import { db } from '../lib/storage/dynamodb';
import { revokeToken } from '../lib/tokens/service';
import { httpHandler, sessionUser } from './http';

export const handler = httpHandler(async (event) => {
  const userId = await sessionUser(event);
  await revokeToken(db(), config().tokens, userId, event.pathParameters?.id ?? '', new Date());
  return { status: 204 };
});
