import type {
  AttributeValue as StreamsAttributeValue,
  _Record as StreamsRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { AttributeValue, DynamoDBRecord } from 'aws-lambda';
import { LOCAL_REGION } from '../../lib/storage/dynamodb';

const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

/** The SDK decodes binary attributes to bytes; Lambda delivers them base64-encoded, like the wire JSON. */
const lambdaValue = (value: StreamsAttributeValue): AttributeValue => {
  if (value.B !== undefined) return { B: base64(value.B) };
  if (value.BS !== undefined) return { BS: value.BS.map(base64) };
  if (value.L !== undefined) return { L: value.L.map(lambdaValue) };
  if (value.M !== undefined) return { M: lambdaImage(value.M) };
  // S, N, SS, NS, BOOL and NULL have the same JSON in both.
  return value as AttributeValue;
};

const lambdaImage = (image: Record<string, StreamsAttributeValue>): Record<string, AttributeValue> =>
  Object.fromEntries(Object.entries(image).map(([name, value]) => [name, lambdaValue(value)]));

/** One record of the DynamoDB Streams API as Lambda puts it into a DynamoDBStreamEvent. */
export const toLambdaRecord = (record: StreamsRecord, streamArn: string): DynamoDBRecord => {
  const stream = record.dynamodb ?? {};
  const identity = record.userIdentity;
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: LOCAL_REGION,
    eventSourceARN: streamArn,
    dynamodb: {
      ...(stream.ApproximateCreationDateTime && {
        ApproximateCreationDateTime: Math.floor(stream.ApproximateCreationDateTime.getTime() / 1000),
      }),
      ...(stream.Keys && { Keys: lambdaImage(stream.Keys) }),
      ...(stream.NewImage && { NewImage: lambdaImage(stream.NewImage) }),
      ...(stream.OldImage && { OldImage: lambdaImage(stream.OldImage) }),
      SequenceNumber: stream.SequenceNumber,
      SizeBytes: stream.SizeBytes,
      StreamViewType: stream.StreamViewType,
    },
    ...(identity && { userIdentity: { type: identity.Type, principalId: identity.PrincipalId } }),
  };
};
