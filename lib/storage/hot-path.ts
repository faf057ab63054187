import type { DynamoDBClientResolvedConfig } from '@aws-sdk/client-dynamodb';
import type { GetCommandInput, PutCommandInput } from '@aws-sdk/lib-dynamodb';
import { marshall, unmarshall, type marshallOptions, type NativeAttributeValue } from '@aws-sdk/util-dynamodb';
import aws4 from 'aws4';
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { backoff } from './backoff';
import type { ClientSettings } from './dynamodb';
import { DynamoDbError, isRetryable, TimeoutError } from './hot-path-errors';

type Item = Record<string, NativeAttributeValue>;
type GetFields = 'TableName' | 'Key' | 'ConsistentRead' | 'ProjectionExpression' | 'ExpressionAttributeNames';

/** Where and as whom the hot path sends: what the SDK client resolved (region, credentials, a custom endpoint). */
type ResolvedConfig = Pick<DynamoDBClientResolvedConfig, 'region' | 'credentials' | 'endpoint'>;

/**
 * The authorizer's two DynamoDB calls (a key read, a use-event write) without the SDK's middleware stack:
 * a request signed by `aws4` and sent over a keep-alive socket, with the same timeouts and bounded retry as
 * every SDK client here (`clientSettings`). Errors carry the fields `databaseUnavailable` reads.
 *
 * @example
 * const key = await db.hotPath.getItem({ TableName, Key: keys.key(hash), ConsistentRead: true });
 */
export interface HotPath {
  getItem: (input: Pick<GetCommandInput, GetFields>) => Promise<Item | undefined>;
  /** An unconditional put: the hot path has no condition values to marshal. */
  putItem: (input: Pick<PutCommandInput, 'TableName' | 'Item'>) => Promise<void>;
  destroy: () => void;
}

const TARGET = 'DynamoDB_20120810.';

interface Endpoint {
  protocol: string;
  hostname: string;
  port?: number | undefined;
  path: string;
}

const readBody = (response: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    let text = '';
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => (text += chunk));
    response.on('end', () => resolve(text));
    response.on('error', reject);
  });

export const createHotPath = (
  config: ResolvedConfig,
  settings: ClientSettings,
  marshalling: marshallOptions,
): HotPath => {
  const { connectionTimeout, requestTimeout } = settings.requestHandler;
  const agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };
  let where: Promise<Endpoint> | undefined;
  const endpoint = (): Promise<Endpoint> =>
    (where ??= (async () => {
      if (config.endpoint !== undefined) return config.endpoint();
      const region = await config.region();
      return { protocol: 'https:', hostname: `dynamodb.${region}.amazonaws.com`, path: '/' };
    })());

  const attempt = async (operation: string, body: string): Promise<string> => {
    const [target, region, credentials] = await Promise.all([endpoint(), config.region(), config.credentials()]);
    const secure = target.protocol === 'https:';
    const host = target.port === undefined ? target.hostname : `${target.hostname}:${target.port}`;
    const signed = aws4.sign(
      {
        host,
        path: target.path,
        method: 'POST',
        service: 'dynamodb',
        region,
        body,
        headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `${TARGET}${operation}` },
      },
      credentials,
    );
    return new Promise<string>((resolve, reject) => {
      const send = secure ? httpsRequest : httpRequest;
      const request = send(
        {
          protocol: target.protocol,
          hostname: target.hostname,
          port: target.port,
          path: target.path,
          method: 'POST',
          headers: signed.headers,
          agent: secure ? agents.https : agents.http,
        },
        (response) => {
          readBody(response).then((text) => {
            clearTimeout(timer);
            const status = response.statusCode ?? 0;
            if (status === 200) resolve(text);
            else reject(DynamoDbError.fromResponse(status, text));
          }, reject);
        },
      );
      // A stalled database must fail the call, as the SDK's throwOnRequestTimeout does.
      const timer = setTimeout(
        () => request.destroy(new TimeoutError(`no answer within ${requestTimeout} ms`)),
        requestTimeout,
      );
      request.on('socket', (socket) => {
        if (!socket.connecting) return;
        const connecting = setTimeout(
          () => request.destroy(new TimeoutError(`no connection within ${connectionTimeout} ms`)),
          connectionTimeout,
        );
        socket.once('connect', () => clearTimeout(connecting));
        socket.once('close', () => clearTimeout(connecting));
      });
      request.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      request.end(body);
    });
  };

  const send = async (operation: string, input: object): Promise<Record<string, unknown>> => {
    const body = JSON.stringify(input);
    for (let tried = 1; ; tried++) {
      try {
        return JSON.parse(await attempt(operation, body)) as Record<string, unknown>;
      } catch (error) {
        if (tried >= settings.maxAttempts || !isRetryable(error)) throw error;
        await backoff(tried);
      }
    }
  };

  return {
    getItem: async ({ Key, ...rest }) => {
      const { Item } = await send('GetItem', { ...rest, Key: marshall(Key ?? {}, marshalling) });
      return Item === undefined ? undefined : unmarshall(Item as Parameters<typeof unmarshall>[0]);
    },
    putItem: async ({ Item, ...rest }) => {
      await send('PutItem', { ...rest, Item: marshall(Item ?? {}, marshalling) });
    },
    destroy: () => {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
};
