import { httpHandler } from '../../../gateway/http';
import { parseBody } from '../../../lib/http/body';
import { ApiError } from '../../../lib/errors';
import { ok } from '../../../lib/http/response';
import { createTokenSchema } from '../../../lib/tokens/schemas';
import { settings } from '../../support/db';
import { restProxyEvent } from '../../support/events';
import { lambdaContext } from '../../support/lambda-context';

/** The JSON lines written to stderr, where the logger puts errors, while `task` runs. */
const errorLines = async (task: () => Promise<unknown>): Promise<Record<string, any>[]> => {
  const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    await task();
    return write.mock.calls
      .flatMap(([chunk]) => String(chunk).split('\n'))
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, any>);
  } finally {
    write.mockRestore();
  }
};

const echo = httpHandler(async (event) =>
  ok(parseBody(createTokenSchema(settings, new Date('2026-01-01T00:00:00Z')), event.body)),
);
const body = JSON.stringify({ name: 'Nightly import', scopes: ['cases:read'] });

describe('httpHandler', () => {
  it('decodes a body that API Gateway delivered base64-encoded before it is parsed', async () => {
    const result = await echo(restProxyEvent({ body: Buffer.from(body).toString('base64'), isBase64Encoded: true }));
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject({ name: 'Nightly import', scopes: ['cases:read'] });
  });

  it('reads a plain body as it is', async () => {
    const result = await echo(restProxyEvent({ body }));
    expect(result.statusCode).toBe(200);
  });

  it('refuses a base64 body that is not JSON once decoded', async () => {
    const result = await echo(
      restProxyEvent({ body: Buffer.from('name=x').toString('base64'), isBase64Encoded: true }),
    );
    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body)).toEqual({ code: 'invalid_request', message: 'Request body is not valid JSON' });
  });

  it('sends Retry-After with a refusal that passes with time, beside the usual headers', async () => {
    const limited = httpHandler(async () => {
      throw new ApiError('rate_limited', 'Too many requests', 120);
    });
    const result = await limited(restProxyEvent({ body }));
    expect(result.statusCode).toBe(429);
    expect(result.headers).toEqual({
      'content-type': 'application/json',
      'cache-control': 'no-store',
      'retry-after': '120',
    });
    expect(JSON.parse(result.body)).toEqual({ code: 'rate_limited', message: 'Too many requests' });
  });

  it('answers an unexpected failure as internal_error, and logs it with the invocation it happened in', async () => {
    const failing = httpHandler(async () => {
      throw new Error('disk on fire');
    });
    let statusCode = 0;
    const lines = await errorLines(async () => {
      ({ statusCode } = await failing(restProxyEvent({}), lambdaContext('lambda-fault', 'api-tokens-test-health')));
    });
    expect(statusCode).toBe(500);
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'ERROR',
        message: 'Unhandled error',
        function_request_id: 'lambda-fault',
        error: expect.objectContaining({ message: 'disk on fire' }),
      }),
    ]);
  });

  it('logs nothing for a refusal of the contract', async () => {
    const refusing = httpHandler(async () => {
      throw new ApiError('route_not_found');
    });
    const lines = await errorLines(() => refusing(restProxyEvent({})));
    expect(lines).toEqual([]);
  });
});
