import { ok } from '../lib/http/response';
import { httpHandler } from './http';

export const handler = httpHandler(async () => ok({ status: 'ok' }));
