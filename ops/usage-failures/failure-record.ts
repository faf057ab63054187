import * as z from 'zod/mini';

/**
 * Where a discarded batch lies in the table's stream: the `DDBStreamBatchInfo` of the record Lambda's
 * event source mapping sends to its on-failure destination once a batch's retries are exhausted.
 * The record holds no stream data, only this position; the stream keeps the data for 24 hours.
 */
export interface StreamBatchInfo {
  shardId: string;
  startSequenceNumber: string;
  endSequenceNumber: string;
  streamArn: string;
  batchSize: number;
  approximateArrivalOfFirstRecord?: string;
  approximateArrivalOfLastRecord?: string;
}

const sequenceNumber = z.string().check(z.regex(/^\d+$/));

const schema = z.object({
  DDBStreamBatchInfo: z.object({
    shardId: z.string().check(z.minLength(1)),
    startSequenceNumber: sequenceNumber,
    endSequenceNumber: sequenceNumber,
    streamArn: z.string().check(z.regex(/^arn:[^:]+:dynamodb:[^:]*:[^:]*:table\/[^/]+\/stream\/.+$/)),
    batchSize: z.number().check(z.int(), z.positive()),
    approximateArrivalOfFirstRecord: z.optional(z.string()),
    approximateArrivalOfLastRecord: z.optional(z.string()),
  }),
});

/** A failure-queue message's body as the stream range it names, or why it names none. */
export const parseFailureRecord = (body: string): { ok: true; batch: StreamBatchInfo } | { ok: false; why: string } => {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, why: 'not JSON' };
  }
  const parsed = z.safeParse(schema, json);
  if (!parsed.success) {
    return { ok: false, why: `not a DynamoDB stream failure record: ${z.prettifyError(parsed.error)}` };
  }
  return { ok: true, batch: parsed.data.DDBStreamBatchInfo };
};

/** The table whose stream `streamArn` is (arn:aws:dynamodb:<region>:<account>:table/<name>/stream/<label>). */
export const tableOfStream = (streamArn: string): string => streamArn.split(':table/')[1]?.split('/stream/')[0] ?? '';
