import { request } from 'node:http';

export interface InvokeOptions {
  /** serverless-offline's Lambda API port. */
  port: number;
  timeoutMs: number;
}

/**
 * Invokes a function through serverless-offline's Lambda API, as the AWS SDK's Invoke would, and
 * returns its JSON result (null for an empty one). A function error, a refusal of the API or an
 * answer other than JSON rejects.
 *
 * @example
 * const result = await invokeLocalFunction('api-tokens-local-authorize', event, { port: 3002, timeoutMs: 30_000 });
 */
export const invokeLocalFunction = (
  functionName: string,
  payload: unknown,
  { port, timeoutMs }: InvokeOptions,
): Promise<unknown> =>
  new Promise((resolve, reject) => {
    const body = JSON.stringify(payload);
    // A new connection per call (agent: false): reusing pooled keep-alive sockets raced with the Lambda
    // API server closing them, failing or stalling requests now and then under load.
    const invocation = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: `/2015-03-31/functions/${encodeURIComponent(functionName)}/invocations`,
        agent: false,
        timeout: timeoutMs,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          const failure = response.headers['x-amz-function-error'] ?? response.headers['x-amzn-errortype'];
          if (response.statusCode !== 200 || failure) {
            reject(new Error(`${functionName} failed (${response.statusCode} ${String(failure ?? '')}): ${text}`));
            return;
          }
          try {
            resolve(text ? (JSON.parse(text) as unknown) : null);
          } catch {
            reject(new Error(`${functionName} returned something other than JSON: ${text}`));
          }
        });
        response.on('error', reject);
      },
    );
    invocation.on('timeout', () => invocation.destroy(new Error(`${functionName} timed out`)));
    invocation.on('error', reject);
    invocation.end(body);
  });
