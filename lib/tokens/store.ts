import {
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { backoff } from '../storage/backoff';
import { batchGetAll } from '../storage/batch-get';
import { cancellationCodes, CONDITION_FAILED } from '../storage/conditions';
import type { Db } from '../storage/dynamodb';
import { auditItem } from '../audit/store';
import type { AuditEntry } from '../audit/types';
import { calendarPuts } from '../expiry/calendar';
import { keys } from '../storage/keys';
import { epochSeconds } from '../time';
import type { ListPosition } from './list-cursor';
import type { RateWindow } from './rate-window';
import { revokedAtOf, workingUntil } from './grace';
import { isExpired } from './status';
import { nameClaimPut, nameReleaseDeletes } from './name-claim';
import { nameClaimKey } from './names';
import type { KeyRecord, LeakMark, TokenRecord } from './types';

/** Attempts at a transaction that lost a race with another one on the same user. */
const MAX_ATTEMPTS = 25;

// A rolled token's member carries the end of its grace, so that it counts toward the limit until then only.
const activeMember = (token: Pick<TokenRecord, 'id' | 'expiresAt' | 'graceUntil'>): string =>
  keys.activeMember(token.id, workingUntil(token));

const memberExpired = (member: string, now: Date): boolean => {
  const expiry = keys.expiryOfActiveMember(member);
  return expiry !== undefined && expiry <= now.getTime();
};

/** Runs a transaction, again after losing a race on the same items; answers why it was refused, if it was. */
const transact = async (db: Db, transaction: TransactWriteCommand): Promise<string[] | undefined> => {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    try {
      await db.client.send(transaction);
      return undefined;
    } catch (error) {
      const codes = cancellationCodes(error);
      if (codes === undefined) throw error;
      if (!codes.includes('TransactionConflict')) return codes;
      await backoff(attempt);
    }
  }
  throw new Error('Transaction abandoned: too many concurrent changes to the same items');
};

export interface InsertOptions {
  maxActive: number;
  /** At most `max` creates per user in `window`: the count is raised with the insert, in the same transaction. */
  createRate: { max: number; window: RateWindow };
  now: Date;
  /** When DynamoDB may delete the token's items, or null while it can still work. */
  expireItemsAt: Date | null;
  /** Written with the token or not at all (its `created` audit entry). */
  alsoWrite?: readonly TransactItem[];
  /** The token whose name this one takes over while that one still works (a roll's old token). */
  takeNameFrom?: string;
}

/** The position of the create counter's update in the insert transaction, to read its cancellation reason. */
const CREATE_COUNT_ITEM = 3;

/** The `Put`s of a new token's listing and key; `ttl` (epoch s) is when DynamoDB may delete them. */
const newTokenPuts = (db: Db, token: TokenRecord, ttl: number | undefined) => {
  const key: KeyRecord = {
    userId: token.userId,
    tokenId: token.id,
    scopes: token.scopes,
    expiresAt: token.expiresAt,
    revokedAt: null,
  };
  return [
    {
      Put: {
        TableName: db.tableName,
        Item: { ...keys.token(token.userId, token.id), ...token, ttl },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
    {
      Put: {
        TableName: db.tableName,
        Item: { ...keys.key(token.keyHash), ...key, ttl },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
  ];
};

/** Raises the user's count of creates in the rate window, unless it has reached `max`. */
const createCountUpdate = (db: Db, userId: string, createRate: InsertOptions['createRate']) => ({
  Update: {
    TableName: db.tableName,
    Key: keys.createCount(userId, createRate.window.start),
    UpdateExpression: 'ADD #count :one SET #ttl = :ttl',
    ConditionExpression: 'attribute_not_exists(#count) OR #count < :max',
    ExpressionAttributeNames: { '#count': 'count', '#ttl': 'ttl' },
    ExpressionAttributeValues: {
      ':one': 1,
      ':max': createRate.max,
      ':ttl': epochSeconds(createRate.window.end),
    },
  },
});

/**
 * Stores a new token unless the user already has `maxActive` tokens that have not expired, or has created
 * `createRate.max` in the current window. Both limits hold under concurrent creates: each count is checked
 * and raised in the one transaction that stores the token, so refused creates count toward neither.
 */
export const insertToken = async (
  db: Db,
  token: TokenRecord,
  options: InsertOptions,
): Promise<'created' | 'limit_reached' | 'rate_limited' | 'name_taken'> => {
  const ttl = options.expireItemsAt === null ? undefined : epochSeconds(options.expireItemsAt);
  const transaction = new TransactWriteCommand({
    TransactItems: [
      {
        Update: {
          TableName: db.tableName,
          Key: keys.activeSet(token.userId),
          UpdateExpression: 'ADD active :member',
          ConditionExpression: 'attribute_not_exists(active) OR size(active) < :max',
          ExpressionAttributeValues: { ':member': new Set([activeMember(token)]), ':max': options.maxActive },
        },
      },
      ...newTokenPuts(db, token, ttl),
      createCountUpdate(db, token.userId, options.createRate),
      ...calendarPuts(db, token),
      nameClaimPut(db, token, options.now, ttl, options.takeNameFrom),
      ...(options.alsoWrite ?? []),
    ],
  });
  const nameClaimItem = 4 + calendarPuts(db, token).length;

  for (;;) {
    const refused = await transact(db, transaction);
    if (refused === undefined) return 'created';
    if (refused[CREATE_COUNT_ITEM] === CONDITION_FAILED) return 'rate_limited';
    if (refused[0] === CONDITION_FAILED) {
      // The limit outranks the name. Each pass prunes at least one expired member, so this ends.
      if (!(await pruneExpired(db, token.userId, options.now))) return 'limit_reached';
      continue;
    }
    if (refused[nameClaimItem] === CONDITION_FAILED) return 'name_taken';
    throw new Error(`Token not created: ${refused.join(', ')}`);
  }
};

const activeSetMembers = async (db: Db, userId: string): Promise<string[]> => {
  const { Item } = await db.client.send(
    new GetCommand({ TableName: db.tableName, Key: keys.activeSet(userId), ConsistentRead: true }),
  );
  return [...((Item?.active as Set<string> | undefined) ?? [])];
};

/** Drops expired tokens from the user's active set; answers whether any were dropped. */
const pruneExpired = async (db: Db, userId: string, now: Date): Promise<boolean> => {
  const expired = (await activeSetMembers(db, userId)).filter((member) => memberExpired(member, now));
  if (expired.length === 0) return false;
  await db.client.send(
    new UpdateCommand({
      TableName: db.tableName,
      Key: keys.activeSet(userId),
      UpdateExpression: 'DELETE active :expired',
      ExpressionAttributeValues: { ':expired': new Set(expired) },
    }),
  );
  return true;
};

// Strongly consistent: a token revoked a moment ago must already read as revoked.
export const findKey = async (db: Db, keyHash: string): Promise<KeyRecord | undefined> => {
  const Item = await db.hotPath.getItem({
    TableName: db.tableName,
    Key: keys.key(keyHash),
    ConsistentRead: true,
    ProjectionExpression: 'userId, tokenId, scopes, expiresAt, revokedAt, disabled, graceUntil',
  });
  return Item as KeyRecord | undefined;
};

const TOKEN_ATTRIBUTES =
  'id, userId, #name, scopes, createdAt, expiresAt, lastUsedAt, keyHash, hint, description, disabled, revokedAt, graceUntil, rolledTo, leak';

export const findToken = async (db: Db, userId: string, tokenId: string): Promise<TokenRecord | undefined> => {
  const { Item } = await db.client.send(
    new GetCommand({
      TableName: db.tableName,
      Key: keys.token(userId, tokenId),
      ConsistentRead: true,
      ProjectionExpression: TOKEN_ATTRIBUTES,
      ExpressionAttributeNames: { '#name': 'name' },
    }),
  );
  return Item as TokenRecord | undefined;
};

/** The ids of the user's tokens that still work at `now` (at most the limit of 10), from the active set. */
export const workingTokenIds = async (db: Db, userId: string, now: Date): Promise<string[]> =>
  (await activeSetMembers(db, userId))
    .filter((member) => !memberExpired(member, now))
    .map((member) => keys.tokenIdOfActiveMember(member));

/** These tokens of the user, in no particular order; strongly consistent, so a token made a moment ago is there. */
export const tokenRecords = async (db: Db, userId: string, ids: readonly string[]): Promise<TokenRecord[]> =>
  (await batchGetAll(
    db,
    ids.map((id) => keys.token(userId, id)),
  )) as unknown as TokenRecord[];

export interface ExpiredPageRequest {
  /** Expired tokens wanted: the page holds at most this many. */
  size: number;
  from: ListPosition;
  /** How many of the user's tokens still work: they sort among the expired ones, and are passed over. */
  working: number;
}

/**
 * Up to `size` of the user's tokens that `keep` accepts, newest first, after `from` (the newest when undefined),
 * and whether more follow. Each query asks for what the page still lacks plus `passOver`, the tokens it expects
 * to pass over; the one beyond the page says whether another follows.
 */
const tokenPage = async (
  db: Db,
  userId: string,
  {
    size,
    from,
    passOver,
    keep,
  }: { size: number; from?: string; passOver: number; keep: (record: TokenRecord) => boolean },
): Promise<{ records: TokenRecord[]; more: boolean }> => {
  const found: TokenRecord[] = [];
  let start: Record<string, unknown> | undefined = from === undefined ? undefined : keys.token(userId, from);
  do {
    const page = await db.client.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: 'PK = :user AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':user': keys.user(userId), ':prefix': keys.tokenPrefix },
        ProjectionExpression: TOKEN_ATTRIBUTES,
        ExpressionAttributeNames: { '#name': 'name' },
        ConsistentRead: true,
        ScanIndexForward: false,
        Limit: size + 1 - found.length + passOver,
        ExclusiveStartKey: start,
      }),
    );
    found.push(...((page.Items ?? []) as unknown as TokenRecord[]).filter(keep));
    start = page.LastEvaluatedKey;
  } while (found.length <= size && start !== undefined);
  return { records: found.slice(0, size), more: found.length > size };
};

/**
 * Up to `size` of the user's expired tokens, newest first, from `from`, and whether more follow. Reads at most
 * size + 1 + `working` token items (ids sort by creation), and any revoked ones kept among them.
 */
export const expiredTokenPage = async (
  db: Db,
  userId: string,
  now: Date,
  { size, from, working }: ExpiredPageRequest,
): Promise<{ records: TokenRecord[]; more: boolean }> =>
  tokenPage(db, userId, {
    size,
    from: from === 'first_expired' ? undefined : from.id,
    passOver: working,
    keep: (record) =>
      revokedAtOf(record, now) === undefined && record.expiresAt !== null && isExpired(new Date(record.expiresAt), now),
  });

/**
 * Up to `size` of the user's revoked tokens (kept for the retention period), newest first, after `from`; a
 * rolled token counts from the end of its grace.
 */
export const revokedTokenPage = async (
  db: Db,
  userId: string,
  now: Date,
  { size, from }: { size: number; from?: string },
): Promise<{ records: TokenRecord[]; more: boolean }> =>
  tokenPage(db, userId, { size, from, passOver: 0, keep: (record) => revokedAtOf(record, now) !== undefined });

/** One item of a write transaction, for changes that must be written with the revocation or not at all. */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * Revokes a token for good: its listing and its key are marked revoked and kept until `expireKeyAt` (the
 * listing to show it as revoked with its usage, the key so that later use reads as revoked, not unknown), it
 * leaves the active set and releases its name, together with `alsoWrite` (an audit entry); a leak report's
 * `leak` mark stays on the listing. False if already revoked or gone.
 */
export const revokeTokenRecord = async (
  db: Db,
  token: TokenRecord,
  now: Date,
  expireKeyAt: Date,
  { alsoWrite = [], leak }: { alsoWrite?: readonly TransactItem[]; leak?: LeakMark } = {},
): Promise<boolean> => {
  for (;;) {
    const release = await nameReleaseDeletes(db, token);
    const transaction = new TransactWriteCommand({
      TransactItems: [
        {
          Update: {
            TableName: db.tableName,
            Key: keys.token(token.userId, token.id),
            UpdateExpression: `SET revokedAt = :now, #ttl = :ttl${leak === undefined ? '' : ', leak = :leak'}`,
            ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(revokedAt)',
            ExpressionAttributeNames: { '#ttl': 'ttl' },
            ExpressionAttributeValues: {
              ':now': now.toISOString(),
              ':ttl': epochSeconds(expireKeyAt),
              ...(leak === undefined ? {} : { ':leak': leak }),
            },
          },
        },
        {
          Update: {
            TableName: db.tableName,
            Key: keys.key(token.keyHash),
            UpdateExpression: 'SET revokedAt = :now, #ttl = :ttl',
            ConditionExpression: 'attribute_exists(PK) AND revokedAt = :null',
            ExpressionAttributeNames: { '#ttl': 'ttl' },
            ExpressionAttributeValues: { ':now': now.toISOString(), ':ttl': epochSeconds(expireKeyAt), ':null': null },
          },
        },
        {
          Update: {
            TableName: db.tableName,
            Key: keys.activeSet(token.userId),
            UpdateExpression: 'DELETE active :member',
            ExpressionAttributeValues: { ':member': new Set([activeMember(token)]) },
          },
        },
        ...alsoWrite,
        ...release,
      ],
    });
    const refused = await transact(db, transaction);
    if (refused === undefined) return true;
    // The name's claim was taken over since it was read (the token had expired): read it again.
    if (release.length > 0 && refused.at(-1) === CONDITION_FAILED && !refused.slice(0, -1).includes(CONDITION_FAILED))
      continue;
    if (refused.includes(CONDITION_FAILED)) return false;
    throw new Error(`Token not revoked: ${refused.join(', ')}`);
  }
};

/** What `PATCH /tokens/{id}` changes; absent fields stay as they are. */
export interface TokenChanges {
  name?: string;
  description?: string | null;
  disabled?: boolean;
}

const SET_NAMES = { name: '#name', description: '#description', disabled: '#disabled' } as const;

/**
 * Changes a working or expired token (never a revoked one): a new name is claimed and the old one released in
 * the same transaction; `disabled` goes onto the key too, so the authorizer's next read sees it; `alsoWrite`
 * (an audit entry) is written with the change or not at all.
 */
export const updateTokenRecord = async (
  db: Db,
  token: TokenRecord,
  changes: TokenChanges,
  options: { now: Date; claimTtl: number | undefined; alsoWrite: readonly TransactItem[] },
): Promise<'updated' | 'not_found' | 'name_taken'> => {
  const fields = (Object.keys(SET_NAMES) as (keyof TokenChanges)[]).filter((field) => changes[field] !== undefined);
  const renamed = changes.name !== undefined && nameClaimKey(changes.name) !== nameClaimKey(token.name);
  for (;;) {
    const release = renamed ? await nameReleaseDeletes(db, token) : [];
    const claim = renamed
      ? [nameClaimPut(db, { ...token, name: changes.name ?? token.name }, options.now, options.claimTtl)]
      : [];
    const items: TransactItem[] = [
      {
        Update: {
          TableName: db.tableName,
          Key: keys.token(token.userId, token.id),
          UpdateExpression: `SET ${fields.map((field) => `${SET_NAMES[field]} = :${field}`).join(', ')}`,
          ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(revokedAt)',
          ExpressionAttributeNames: Object.fromEntries(fields.map((field) => [SET_NAMES[field], field])),
          ExpressionAttributeValues: Object.fromEntries(fields.map((field) => [`:${field}`, changes[field]])),
        },
      },
      ...(changes.disabled === undefined
        ? []
        : [
            {
              Update: {
                TableName: db.tableName,
                Key: keys.key(token.keyHash),
                UpdateExpression: 'SET disabled = :disabled',
                ConditionExpression: 'attribute_exists(PK) AND revokedAt = :null',
                ExpressionAttributeValues: { ':disabled': changes.disabled, ':null': null },
              },
            },
          ]),
      ...options.alsoWrite,
      ...claim,
      ...release,
    ];
    const refused = await transact(db, new TransactWriteCommand({ TransactItems: items }));
    if (refused === undefined) return 'updated';
    const failed = (index: number) => refused[index] === CONDITION_FAILED;
    const claimAt = items.length - release.length - claim.length;
    if (refused.slice(0, claimAt).includes(CONDITION_FAILED)) return 'not_found';
    if (claim.length > 0 && failed(claimAt)) return 'name_taken';
    // The old name's claim was taken over since it was read (the token had expired): read it again.
    if (release.length > 0 && failed(items.length - 1)) continue;
    throw new Error(`Token not updated: ${refused.join(', ')}`);
  }
};

/** What a roll writes: the new token in the old one's place, and when the old one stops working. */
export interface RollPlan {
  old: TokenRecord;
  next: TokenRecord;
  /** When the old token stops working; `now` revokes it at once, as `DELETE` does. */
  graceUntil: Date;
  now: Date;
  maxActive: number;
  createRate: InsertOptions['createRate'];
  /** When DynamoDB may delete the old token's items, and the new one's (null while it can still work). */
  expireOldAt: Date;
  expireNewAt: Date | null;
  audit: { entry: AuditEntry; retentionDays: number };
}

/** The positions of a roll's items, to read their cancellation reasons. */
const ROLL_ITEM = { activeSet: 0, createCount: 1, oldKey: 2, oldListing: 3 } as const;

/** Attempts at a roll whose read of the active set went stale before it was written. */
const MAX_ROLL_ATTEMPTS = 25;

/** The active set after the roll: expired members pruned, the new token in, the old one out or until its grace ends. */
const rolledMembers = (current: readonly string[], plan: RollPlan, withGrace: boolean): string[] => [
  ...current.filter((member) => !memberExpired(member, plan.now) && keys.tokenIdOfActiveMember(member) !== plan.old.id),
  activeMember(plan.next),
  ...(withGrace ? [activeMember({ ...plan.old, graceUntil: plan.graceUntil.toISOString() })] : []),
];

/**
 * Every item of a roll's transaction, in ROLL_ITEM's order: the active set replaced as read (`current`), the
 * create count, the old key and listing revoked or given their grace end, the new token, its audit entry and
 * its expiry calendar entry.
 */
const rollItems = (db: Db, plan: RollPlan, current: readonly string[], next: readonly string[]): TransactItem[] => {
  const { old } = plan;
  const withGrace = plan.graceUntil.getTime() > plan.now.getTime();
  const oldTtl = epochSeconds(plan.expireOldAt);
  const newTtl = plan.expireNewAt === null ? undefined : epochSeconds(plan.expireNewAt);
  const notYetEnded = 'attribute_exists(PK) AND revokedAt = :null AND attribute_not_exists(graceUntil)';
  return [
    {
      Update: {
        TableName: db.tableName,
        Key: keys.activeSet(old.userId),
        UpdateExpression: 'SET active = :next',
        // The whole set as read: any concurrent create, revoke or roll in between sends this roll round again.
        ConditionExpression: current.length === 0 ? 'attribute_not_exists(active)' : 'active = :current',
        ExpressionAttributeValues: {
          ':next': new Set(next),
          ...(current.length === 0 ? {} : { ':current': new Set(current) }),
        },
      },
    },
    createCountUpdate(db, old.userId, plan.createRate),
    {
      Update: {
        TableName: db.tableName,
        Key: keys.key(old.keyHash),
        UpdateExpression: withGrace ? 'SET graceUntil = :end, #ttl = :ttl' : 'SET revokedAt = :end, #ttl = :ttl',
        ConditionExpression: notYetEnded,
        ExpressionAttributeNames: { '#ttl': 'ttl' },
        ExpressionAttributeValues: { ':end': plan.graceUntil.toISOString(), ':ttl': oldTtl, ':null': null },
      },
    },
    {
      Update: {
        TableName: db.tableName,
        Key: keys.token(old.userId, old.id),
        // Without a grace the listing is kept, marked revoked, as a revocation keeps it.
        UpdateExpression: withGrace
          ? 'SET graceUntil = :end, rolledTo = :next, #ttl = :ttl'
          : 'SET revokedAt = :end, rolledTo = :next, #ttl = :ttl',
        ConditionExpression:
          'attribute_exists(PK) AND attribute_not_exists(graceUntil) AND attribute_not_exists(revokedAt)',
        ExpressionAttributeNames: { '#ttl': 'ttl' },
        ExpressionAttributeValues: { ':end': plan.graceUntil.toISOString(), ':next': plan.next.id, ':ttl': oldTtl },
      },
    },
    ...newTokenPuts(db, plan.next, newTtl),
    auditItem(db, old.userId, plan.audit.entry, plan.audit.retentionDays),
    ...calendarPuts(db, plan.next),
    // The new token takes the old one's name over (names are unique among working tokens).
    nameClaimPut(db, plan.next, plan.now, newTtl, old.id),
  ];
};

/**
 * Rolls a token: stores `plan.next` and ends `plan.old` at `plan.graceUntil` (at once when that is `now`), in
 * one transaction. The new token takes its slot in the active set in the same write that schedules the old
 * one's end, so the limit holds under concurrent rolls and creates; during the grace both count.
 */
export const rollTokenRecord = async (
  db: Db,
  plan: RollPlan,
): Promise<'rolled' | 'not_found' | 'limit_reached' | 'rate_limited'> => {
  const withGrace = plan.graceUntil.getTime() > plan.now.getTime();
  for (let attempt = 0; attempt < MAX_ROLL_ATTEMPTS; attempt++) {
    const current = await activeSetMembers(db, plan.old.userId);
    const next = rolledMembers(current, plan, withGrace);
    if (next.length > plan.maxActive) return 'limit_reached';
    const refused = await transact(db, new TransactWriteCommand({ TransactItems: rollItems(db, plan, current, next) }));
    if (refused === undefined) return 'rolled';
    if (refused[ROLL_ITEM.oldKey] === CONDITION_FAILED || refused[ROLL_ITEM.oldListing] === CONDITION_FAILED)
      return 'not_found';
    if (refused[ROLL_ITEM.createCount] === CONDITION_FAILED) return 'rate_limited';
    if (refused[ROLL_ITEM.activeSet] !== CONDITION_FAILED) throw new Error(`Token not rolled: ${refused.join(', ')}`);
    await backoff(attempt);
  }
  throw new Error('Roll abandoned: too many concurrent changes to the active set');
};
