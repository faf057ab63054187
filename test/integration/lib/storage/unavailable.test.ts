import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { createServer, type Server, type Socket } from 'node:net';
import { once } from 'node:events';
import { errorAnswer } from '../../../../lib/http/response';
import { createDb } from '../../../../lib/storage/dynamodb';
import { databaseUnavailable } from '../../../../lib/storage/unavailable';
import { freshTable } from '../../../support/db';

/** What a call to the table at `endpoint` fails with. */
const failureOf = async (endpoint: string, tableName = 'tokens'): Promise<unknown> => {
  const db = createDb({ tableName, endpoint });
  try {
    await db.client.send(new GetCommand({ TableName: tableName, Key: { PK: 'KEY#x', SK: 'KEY' } }));
  } catch (error) {
    return error;
  } finally {
    db.client.destroy();
  }
  throw new Error('the call succeeded');
};

const SERVICE_UNAVAILABLE = {
  status: 503,
  body: { code: 'service_unavailable', message: 'The service is unavailable; retry' },
};

// A refused connection is test/e2e/faults.test.ts's: under jest, the SDK wraps Node's errors (of another realm) and drops their code.
describe('a database that does not answer', () => {
  let server: Server;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    // Accepts connections and reads requests, but never answers: a stalled (SIGSTOPped) database.
    server = createServer((socket) => {
      sockets.push(socket);
      socket.resume();
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    server.close();
    await once(server, 'close');
  });

  it('fails a call after two attempts, as service_unavailable, instead of waiting forever', async () => {
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    const error = await failureOf(`http://127.0.0.1:${address.port}`);
    expect(databaseUnavailable(error)).toBe(true);
    expect(errorAnswer(error).result).toEqual(SERVICE_UNAVAILABLE);
    expect(sockets.filter((socket) => socket.bytesRead > 0)).toHaveLength(2);
  });

  it("fails the authorizer's hot-path read the same way: two attempts, then service_unavailable", async () => {
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    const before = sockets.length;
    const db = createDb({ tableName: 'tokens', endpoint: `http://127.0.0.1:${address.port}` });
    const error = await db.hotPath.getItem({ TableName: 'tokens', Key: { PK: 'KEY#x', SK: 'KEY' } }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    db.hotPath.destroy();
    expect(error).toMatchObject({ name: 'TimeoutError' });
    expect(errorAnswer(error).result).toEqual(SERVICE_UNAVAILABLE);
    expect(sockets.slice(before).filter((socket) => socket.bytesRead > 0)).toHaveLength(2);
  });
});

describe('a database that answers', () => {
  it('leaves its refusals (a missing table) as internal errors', async () => {
    const { tableName } = await freshTable();
    const endpoint = process.env.DYNAMODB_ENDPOINT ?? '';
    const error = await failureOf(endpoint, `${tableName}-missing`);
    expect(databaseUnavailable(error)).toBe(false);
    expect(errorAnswer(error).result).toEqual({
      status: 500,
      body: { code: 'internal_error', message: 'Internal server error' },
    });
  });
});
