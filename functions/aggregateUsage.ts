import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { logContext } from '../gateway/lambda-context';
import { runtimeDeps, type Deps } from '../lib/runtime';
import { consumeUseEvents, type StreamChange } from '../lib/usage/consume';

/** A Lambda stream record as the consumer in lib/ takes it. */
export const toChange = (record: DynamoDBRecord): StreamChange => ({
  seq: record.dynamodb?.SequenceNumber ?? '',
  eventName: record.eventName ?? '',
  pk: record.dynamodb?.Keys?.PK?.S ?? '',
  newImage: record.dynamodb?.NewImage
    ? unmarshall(record.dynamodb.NewImage as Record<string, AttributeValue>)
    : undefined,
  byTtl: record.userIdentity?.type === 'Service' && record.userIdentity?.principalId === 'dynamodb.amazonaws.com',
});

/** DynamoDB stream consumer: aggregates token use, reporting partial batch failures. */
export const aggregateUsageHandler =
  (deps: () => Deps) =>
  async (event: DynamoDBStreamEvent, context?: Context): Promise<DynamoDBBatchResponse> => {
    logContext(context);
    const failed = await consumeUseEvents(deps().db, event.Records.map(toChange));
    return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
  };

export const handler = aggregateUsageHandler(runtimeDeps);
