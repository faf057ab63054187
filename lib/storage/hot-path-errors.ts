import { THROTTLING_NAMES } from './unavailable';

/** A call that got no answer in time; named as the SDK names its own, so `databaseUnavailable` knows it. */
export class TimeoutError extends Error {
  override name = 'TimeoutError';
}

/** DynamoDB's error answer, shaped as the SDK's service exceptions: `name` is DynamoDB's type, `$fault` who erred. */
export class DynamoDbError extends Error {
  constructor(
    override readonly name: string,
    message: string,
    readonly $fault: 'client' | 'server',
    readonly $metadata: { httpStatusCode: number },
  ) {
    super(message);
  }

  static fromResponse(status: number, text: string): DynamoDbError {
    let answer: { __type?: unknown; message?: unknown; Message?: unknown } = {};
    try {
      answer = JSON.parse(text) as typeof answer;
    } catch {
      // not JSON (a proxy's page): the status says enough
    }
    const type = typeof answer.__type === 'string' ? (answer.__type.split('#').pop() ?? '') : '';
    const message = answer.message ?? answer.Message;
    return new DynamoDbError(
      type === '' ? `HTTP${status}` : type,
      typeof message === 'string' ? message : `DynamoDB answered ${status}`,
      status >= 500 ? 'server' : 'client',
      { httpStatusCode: status },
    );
  }
}

/** Worth one more attempt: no answer (timeout, network), a server fault or throttling; never a refusal of the request itself. */
export const isRetryable = (error: unknown): boolean =>
  !(error instanceof DynamoDbError) || error.$fault === 'server' || THROTTLING_NAMES.has(error.name);
