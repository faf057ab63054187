import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../local/dynamodb-local';
import { freePort } from '../../local/free-port';
import { launchService, type LaunchedService } from '../setup/service';
import { expectError } from '../support/contract';
import { call, newUser, type Reply } from '../support/http';

// A service of its own, on a DynamoDB Local this file pauses, kills and restarts: the shared one stays untouched.
// Every request during a fault must be answered before the client gives up, as the contract's 503.
const CLIENT_TIMEOUT_MS = 15_000;
const RECOVERY_MS = 60_000;
const SETUP_MS = 240_000;
const TEST_MS = 180_000;

let dynamoPort: number;
let dynamo: DynamoDbLocal;
let service: LaunchedService;
const dataDir = mkdtempSync(join(tmpdir(), 'api-tokens-faults-'));

beforeAll(async () => {
  dynamoPort = await freePort();
  dynamo = await startDynamoDbLocal(dynamoPort);
  service = await launchService(
    { DYNAMODB_EXTERNAL: 'true', DYNAMODB_PORT: String(dynamoPort) },
    '.local/test-faults-service.log',
  );
}, SETUP_MS);

afterAll(async () => {
  await service?.stop();
  await dynamo?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const send = (method: string, path: string, auth?: string, body?: unknown): Promise<Reply> =>
  call(method, path, { auth, body, baseUrl: service.url, timeoutMs: CLIENT_TIMEOUT_MS });

const create = (session: string, name: string) => send('POST', '/tokens', session, { name, scopes: ['*:read'] });

/** A fresh user and one token of theirs, made while the database answers. */
const userWithToken = async (name: string): Promise<{ session: string; token: { id: string; token: string } }> => {
  const { session } = await newUser();
  const created = await create(session, name);
  expect(created.status).toBe(201);
  return { session, token: created.body };
};

/** Repeats `attempt` until `done` holds of its reply, for at most RECOVERY_MS; the last reply. */
const eventually = async (attempt: () => Promise<Reply>, done: (reply: Reply) => boolean): Promise<Reply> => {
  const deadline = Date.now() + RECOVERY_MS;
  let reply = await attempt();
  while (!done(reply) && Date.now() < deadline) {
    await sleep(500);
    reply = await attempt();
  }
  return reply;
};

/** One request of each kind while the database does not answer: a read, a write and an authorizer call. */
const requestsDuringFault = (session: string, token: string): Promise<Reply[]> =>
  Promise.all([send('GET', '/tokens', session), create(session, 'During the fault'), send('GET', '/v1/whoami', token)]);

/** The user's token count and the active-token limit agree: as many creates succeed as the limit leaves room for. */
const expectConsistent = async (session: string): Promise<void> => {
  const list = await send('GET', '/tokens', session);
  expect(list.status).toBe(200);
  const { tokens, limit } = list.body as { tokens: unknown[]; limit: number };
  for (let i = tokens.length; i < limit; i++) expect((await create(session, `Filler ${i}`)).status).toBe(201);
  expectError(await create(session, 'One too many'), 409, 'token_limit_reached');
  expect((await send('GET', '/tokens', session)).body.tokens).toHaveLength(limit);
};

/** The token created before the fault works again, and the user's items are consistent. */
const expectRecovered = async (session: string, created: { id: string; token: string }): Promise<void> => {
  const whoami = await eventually(
    () => send('GET', '/v1/whoami', created.token),
    (reply) => reply.status === 200,
  );
  expect(whoami.body).toMatchObject({ tokenId: created.id });
  await expectConsistent(session);
};

describe('a paused database (SIGSTOP, then SIGCONT)', () => {
  it(
    'answers 503 service_unavailable on management and protected routes, then recovers with nothing half-written',
    async () => {
      const { session, token: before } = await userWithToken('Before the stall');
      const pid = dynamo.pid;
      if (pid === undefined) throw new Error('DynamoDB Local has no process id');
      process.kill(pid, 'SIGSTOP');
      try {
        for (const reply of await requestsDuringFault(session, before.token))
          expectError(reply, 503, 'service_unavailable');
      } finally {
        process.kill(pid, 'SIGCONT');
      }
      await expectRecovered(session, before);
    },
    TEST_MS,
  );
});

describe('a killed database, restarted', () => {
  it(
    'answers 503 while it is down; once it is back empty, the table is created again and refuses old tokens',
    async () => {
      const { session, token: before } = await userWithToken('Before the crash');
      process.kill(dynamo.pid ?? 0, 'SIGKILL');
      await dynamo.stop();
      for (const reply of await requestsDuringFault(session, before.token))
        expectError(reply, 503, 'service_unavailable');

      dynamo = await startDynamoDbLocal(dynamoPort, { dataDir });
      const after = await eventually(
        () => create(session, 'After the restart'),
        (reply) => reply.status === 201,
      );
      expect(after.status).toBe(201);
      expectError(await send('GET', '/v1/whoami', before.token), 401, 'token_invalid');
      expect((await send('GET', '/v1/whoami', after.body.token)).status).toBe(200);
      // The stream of the new table reaches the usage consumer.
      const listed = await eventually(
        () => send('GET', '/tokens', session),
        (reply) => reply.body?.tokens?.[0]?.lastUsedAt !== null,
      );
      expect(listed.body.tokens).toEqual([
        expect.objectContaining({ id: after.body.id, lastUsedAt: expect.any(String) }),
      ]);
    },
    TEST_MS,
  );

  it(
    'keeps what it holds across a restart when it keeps its data in a folder',
    async () => {
      const { session } = await newUser();
      const kept = await eventually(
        () => create(session, 'Kept on disk'),
        (reply) => reply.status === 201,
      );
      expect(kept.status).toBe(201);
      // A restart as `npm start` makes it: stopped (SIGTERM, which lets it finish its writes), then started on the folder.
      await dynamo.stop();
      dynamo = await startDynamoDbLocal(dynamoPort, { dataDir });
      await expectRecovered(session, kept.body);
    },
    TEST_MS,
  );
});
