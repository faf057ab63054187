import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { Config } from '../lib/config';
import type { ChangeSource } from '../lib/tokens/change-source';
import { sourceIp } from './http';

/** The signed-in user `actor` changing a token through this request, for the change's audit entry. */
export const changeSource = (
  event: APIGatewayProxyEvent,
  actor: string,
  config: Pick<Config, 'audit'>,
): ChangeSource => ({
  actor,
  ip: sourceIp(event),
  retentionDays: config.audit.retentionDays,
});
