import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Config } from '../config';
import { refusal, success, type Outcome } from '../outcome';
import { isConditionFailure } from '../storage/conditions';
import type { Db } from '../storage/dynamodb';
import { keys } from '../storage/keys';
import { epochSeconds } from '../time';
import { fixedWindow, secondsUntilEnd } from '../tokens/rate-window';

/**
 * Counts one leak report from `sourceIp` in the current fixed window, unless the address has already sent
 * `max` there: then the refusal says when the window ends. The check and the count are one conditional write.
 */
export const countLeakReport = async (
  db: Db,
  sourceIp: string,
  rate: Config['leaks']['reportRate'],
  now: Date,
): Promise<Outcome<undefined, 'rate_limited'>> => {
  const window = fixedWindow(now, rate.windowSeconds);
  try {
    await db.client.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: keys.leakReportCount(sourceIp, window.start),
        UpdateExpression: 'ADD #count :one SET #ttl = :ttl',
        ConditionExpression: 'attribute_not_exists(#count) OR #count < :max',
        ExpressionAttributeNames: { '#count': 'count', '#ttl': 'ttl' },
        ExpressionAttributeValues: { ':one': 1, ':max': rate.max, ':ttl': epochSeconds(window.end) },
      }),
    );
    return success(undefined);
  } catch (error) {
    if (isConditionFailure(error)) return refusal('rate_limited', secondsUntilEnd(window, now));
    throw error;
  }
};
