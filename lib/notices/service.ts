import { NOTICE_DAYS, NOTICE_LIST_SIZE, type NoticeList } from '../contract';
import type { Db } from '../storage/dynamodb';
import { DAY_MS } from '../time';
import { readNotices } from './store';

/**
 * The signed-in user's notices (expiry, leaks) of the last `NOTICE_DAYS` days at `now`, newest first, at most
 * `NOTICE_LIST_SIZE`: a handful a month per token, so no cursor.
 *
 * @example
 * return ok(await listNotices(db, await sessionUser(config.session, event), new Date()));
 */
export const listNotices = async (db: Db, userId: string, now: Date): Promise<NoticeList> => ({
  notices: await readNotices(db, userId, new Date(now.getTime() - NOTICE_DAYS * DAY_MS), NOTICE_LIST_SIZE),
});
