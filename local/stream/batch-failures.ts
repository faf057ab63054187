import type { StreamEventSettings } from '../service-definition';

/** Records the mapping delivers in one invocation, and how often this same batch was retried already. */
export interface Batch<R> {
  records: R[];
  retries: number;
}

/** How one invocation ended: the function failed, or it answered. */
export type Delivery = { error: unknown } | { response: unknown };

/** What follows a delivery. */
export interface Settlement<R> {
  /** Records done with, in order (delivered, or given up on): the shard's checkpoint moves past the last. */
  processed: R[];
  /** Of those, the records given up on after the last retry: they go to the on-failure destination. */
  discarded: R[];
  /** Batches to deliver next, in order, before reading more of the shard. */
  next: Batch<R>[];
}

type FailureSettings = Pick<
  StreamEventSettings,
  'maximumRetryAttempts' | 'bisectBatchOnFunctionError' | 'reportBatchItemFailures'
>;

/**
 * The index of the lowest failed record, as Lambda reads a ReportBatchItemFailures response:
 * none for a missing or empty list, the whole batch (0) for an identifier that is empty or not in it.
 */
export const lowestFailure = (response: unknown, sequenceNumbers: readonly string[]): number | undefined => {
  const failures: unknown =
    typeof response === 'object' && response !== null && 'batchItemFailures' in response
      ? response.batchItemFailures
      : undefined;
  if (!Array.isArray(failures) || failures.length === 0) return undefined;
  const indexes = failures.map((failure: unknown) => {
    const id =
      typeof failure === 'object' && failure !== null && 'itemIdentifier' in failure
        ? failure.itemIdentifier
        : undefined;
    return typeof id === 'string' && id !== '' ? sequenceNumbers.indexOf(id) : -1;
  });
  return indexes.includes(-1) ? 0 : Math.min(...indexes);
};

/** The two halves a failed batch is split into; the first holds the extra record of an odd count. */
export const bisect = <R>(records: readonly R[]): [R[], R[]] => {
  const half = Math.ceil(records.length / 2);
  return [records.slice(0, half), records.slice(half)];
};

/**
 * What Lambda's event source mapping does after delivering `batch`: a reported failure checkpoints
 * before the lowest failed record and retries from it; a function error retries the whole batch, or
 * with BisectBatchOnFunctionError splits it in two first (a split uses up no retry). After
 * `maximumRetryAttempts` retries of the same records, they go to the on-failure destination.
 *
 * @example
 * const { processed, discarded, next } = settle(batch, { response }, settings, (r) => r.seq);
 */
export const settle = <R>(
  batch: Batch<R>,
  delivery: Delivery,
  settings: FailureSettings,
  sequenceNumber: (record: R) => string,
): Settlement<R> => {
  const failedAt =
    'error' in delivery
      ? 0
      : settings.reportBatchItemFailures
        ? lowestFailure(delivery.response, batch.records.map(sequenceNumber))
        : undefined;
  if (failedAt === undefined) return { processed: batch.records, discarded: [], next: [] };

  const succeeded = batch.records.slice(0, failedAt);
  const failed = batch.records.slice(failedAt);
  if ('error' in delivery && settings.bisectBatchOnFunctionError && failed.length > 1) {
    const [first, second] = bisect(failed);
    return {
      processed: [],
      discarded: [],
      next: [
        { records: first, retries: batch.retries },
        { records: second, retries: batch.retries },
      ],
    };
  }
  const retries = failedAt === 0 ? batch.retries : 0;
  if (retries < settings.maximumRetryAttempts) {
    return { processed: succeeded, discarded: [], next: [{ records: failed, retries: retries + 1 }] };
  }
  return { processed: batch.records, discarded: failed, next: [] };
};
