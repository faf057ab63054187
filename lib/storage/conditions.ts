import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';

/** The cancellation code of a transaction item whose condition expression was false. */
export const CONDITION_FAILED = 'ConditionalCheckFailed';

/**
 * Why DynamoDB cancelled a transaction: one code per item, in the order they were sent ('None' for
 * items that were fine). Undefined when the error is not a cancelled transaction.
 */
export const cancellationCodes = (error: unknown): string[] | undefined =>
  error instanceof TransactionCanceledException
    ? (error.CancellationReasons ?? []).map((reason) => reason.Code ?? 'None')
    : undefined;

/** A transaction cancelled because the condition on its item at `index` was false. */
export const isTransactionConditionFailure = (error: unknown, index: number): boolean =>
  cancellationCodes(error)?.[index] === CONDITION_FAILED;

/** A single write (Put, Update, Delete) refused by its condition expression. */
export const isConditionFailure = (error: unknown): boolean => error instanceof ConditionalCheckFailedException;
