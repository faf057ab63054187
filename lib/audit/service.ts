import { AUDIT_PAGE_SIZE, type AuditList } from '../contract';
import type { Db } from '../storage/dynamodb';
import { encodeAuditCursor } from './cursor';
import { readAuditPage } from './store';

/** One page of the user's token history, newest first, from the entry after `after` (a decoded cursor) if given. */
export const listAudit = async (db: Db, userId: string, after?: string): Promise<AuditList> => {
  const page = await readAuditPage(db, userId, AUDIT_PAGE_SIZE, after);
  return {
    events: page.entries,
    next: page.next === undefined ? null : encodeAuditCursor(userId, page.next),
  };
};
