import { randomUUID } from 'node:crypto';
import { TransactWriteCommand, UpdateCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { cancellationCodes, isConditionFailure } from '../storage/conditions';
import type { Db } from '../storage/dynamodb';
import { keys } from '../storage/keys';
import type { CalendarEntry } from './types';

/**
 * How long a claim holds before another run may take it over. Longer than the emitter's Lambda timeout
 * (serverless.yml), so a run that is still alive never loses its claim; a crashed run's claim lapses.
 */
export const CLAIM_LEASE_MS = 5 * 60_000;

/** One run's hold on sending one notice of one token. */
export interface Claim {
  entry: CalendarEntry;
  label: string;
  id: string;
}

const claimName = (label: string): string => `claim_${label}`;
const entryKey = (entry: CalendarEntry) => keys.expiryEntry(entry.day, entry.userId, entry.tokenId);

/**
 * Claims the sending of a notice: a conditional write that succeeds for one run only, while the notice is
 * unsent and no other run's claim is current. Undefined when another run has it or it was sent.
 */
export const claimNotice = async (
  db: Db,
  entry: CalendarEntry,
  label: string,
  now: Date,
): Promise<Claim | undefined> => {
  const id = randomUUID();
  try {
    await db.client.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: entryKey(entry),
        UpdateExpression: 'SET #claim = :claim',
        ConditionExpression:
          'attribute_exists(PK) AND NOT contains(sent, :label) AND (attribute_not_exists(#claim) OR #claim.#until < :now)',
        ExpressionAttributeNames: { '#claim': claimName(label), '#until': 'until' },
        ExpressionAttributeValues: {
          ':claim': { id, until: now.getTime() + CLAIM_LEASE_MS },
          ':label': label,
          ':now': now.getTime(),
        },
      }),
    );
    return { entry, label, id };
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
};

/** Gives a claim back after a failed publish, so that the next run sends the notice. */
export const releaseClaim = async (db: Db, claim: Claim): Promise<void> => {
  try {
    await db.client.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: entryKey(claim.entry),
        UpdateExpression: 'REMOVE #claim',
        ConditionExpression: '#claim.#id = :id',
        ExpressionAttributeNames: { '#claim': claimName(claim.label), '#id': 'id' },
        ExpressionAttributeValues: { ':id': claim.id },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
};

/**
 * Records the notice as sent and drops the claim, with `alongside` (the owner's in-app notice, and the audit
 * entry of an expiry) in the same transaction. False when the claim was no longer this run's (it outlived its lease).
 */
export const markSent = async (
  db: Db,
  claim: Claim,
  alongside: NonNullable<TransactWriteCommandInput['TransactItems']>,
): Promise<boolean> => {
  try {
    await db.client.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: db.tableName,
              Key: entryKey(claim.entry),
              UpdateExpression: 'ADD sent :label REMOVE #claim',
              ConditionExpression: '#claim.#id = :id',
              ExpressionAttributeNames: { '#claim': claimName(claim.label), '#id': 'id' },
              ExpressionAttributeValues: { ':label': new Set([claim.label]), ':id': claim.id },
            },
          },
          ...alongside,
        ],
      }),
    );
    return true;
  } catch (error) {
    if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed') return false;
    throw error;
  }
};
