import { parseFailureRecord, tableOfStream } from '../../../../ops/usage-failures/failure-record';

// The record Lambda's DynamoDB event source mapping sends to an SQS on-failure destination.
const STREAM_ARN = 'arn:aws:dynamodb:eu-west-1:123456789012:table/api-tokens-prod/stream/2025-04-23T13:37:16.991';
const record = {
  requestContext: {
    requestId: '12a8a0fa-f8d2-4d42-a6e3-72bae7d1e2f9',
    functionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:api-tokens-prod-aggregateUsage',
    condition: 'RetryAttemptsExhausted',
    approximateInvokeCount: 6,
  },
  responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
  version: '1.0',
  timestamp: '2025-06-05T18:22:26.479Z',
  DDBStreamBatchInfo: {
    shardId: 'shardId-00000001749147600000-3b5c3a1e',
    startSequenceNumber: '202328600001712385967261751',
    endSequenceNumber: '202328600001712385967261799',
    approximateArrivalOfFirstRecord: '2025-06-05T18:21:49Z',
    approximateArrivalOfLastRecord: '2025-06-05T18:21:50Z',
    batchSize: 12,
    streamArn: STREAM_ARN,
  },
};

describe('the failure queue’s records', () => {
  it('reads the stream range of an on-failure destination record', () => {
    expect(parseFailureRecord(JSON.stringify(record))).toEqual({ ok: true, batch: record.DDBStreamBatchInfo });
  });

  it('names the table of the stream', () => {
    expect(tableOfStream(STREAM_ARN)).toBe('api-tokens-prod');
  });

  it.each([
    ['not JSON', '{'],
    ['no range', JSON.stringify({ ...record, DDBStreamBatchInfo: undefined })],
    [
      'a sequence number that is no number',
      JSON.stringify({ ...record, DDBStreamBatchInfo: { ...record.DDBStreamBatchInfo, startSequenceNumber: '12a' } }),
    ],
    [
      'a stream that is no DynamoDB stream',
      JSON.stringify({
        ...record,
        DDBStreamBatchInfo: { ...record.DDBStreamBatchInfo, streamArn: 'arn:aws:kinesis:eu-west-1:1:stream/x' },
      }),
    ],
  ])('refuses %s', (_, body) => {
    expect(parseFailureRecord(body)).toEqual({ ok: false, why: expect.any(String) });
  });
});
