import { httpHandler } from '../gateway/http';
import { ok } from '../lib/http/response';

export const handler = httpHandler(async () => ok({ status: 'ok' }));
