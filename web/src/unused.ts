import type { TokenView } from '../../lib/contract';

/** A token may sit unused this long after its creation before the page suggests revoking it. */
export const UNUSED_GRACE_MS = 86_400_000;

/** Whether to flag a token as unused: never used, and created more than a day before `now`. */
export const flagsUnused = (
  { createdAt, lastUsedAt }: Pick<TokenView, 'createdAt' | 'lastUsedAt'>,
  now: Date,
): boolean => lastUsedAt === null && now.getTime() - new Date(createdAt).getTime() > UNUSED_GRACE_MS;
