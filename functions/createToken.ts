import { config } from '../lib/config';
import { parseBody } from '../lib/http/body';
import { ok } from '../lib/http/response';
import { db } from '../lib/storage/dynamodb';
import { createTokenSchema } from '../lib/tokens/schemas';
import { createToken } from '../lib/tokens/service';
import { httpHandler, sessionUser } from './http';

export const handler = httpHandler(async (event) => {
  const userId = await sessionUser(event);
  const now = new Date();
  const input = parseBody(createTokenSchema(config().tokens, now), event.body);
  return ok(await createToken(db(), config().tokens, userId, input, now), 201);
});
