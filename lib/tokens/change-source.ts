import { auditItem } from '../audit/store';
import type { AuditAction } from '../audit/types';
import type { Db } from '../storage/dynamodb';
import type { TokenRecord } from './types';

/** Who changes a token and from where, for the audit entry written with the change; and how long it is kept. */
export interface ChangeSource {
  /** The signed-in user's id. */
  actor: string;
  /** The request's source address. */
  ip: string;
  retentionDays: number;
}

/** The audit entry of `action` on `token` by `source`, as items for the change's transaction (none without a source). */
export const auditItems = (
  db: Db,
  token: Pick<TokenRecord, 'id' | 'userId' | 'name'>,
  action: AuditAction,
  source: ChangeSource | undefined,
  now: Date,
) =>
  source === undefined
    ? []
    : [
        auditItem(
          db,
          token.userId,
          {
            at: now.toISOString(),
            action,
            tokenId: token.id,
            tokenName: token.name,
            actor: source.actor,
            ip: source.ip,
          },
          source.retentionDays,
        ),
      ];
