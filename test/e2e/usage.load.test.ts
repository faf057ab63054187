import { setTimeout as sleep } from 'node:timers/promises';
import { call, createToken, getFrom, newUser } from '../support/http';

const ADDRESSES = ['127.0.0.2', '127.0.0.3', '127.0.0.4'];
const PER_ADDRESS = 1_000;
const TOTAL = ADDRESSES.length * PER_ADDRESS;
/** Requests in flight at once: enough to keep several authorizer calls overlapping. */
const CONCURRENCY = 24;
const LOAD_TEST_TIMEOUT_MS = 240_000;

/** Sends every request, `CONCURRENCY` at a time, and answers their statuses. */
const sendAll = async (requests: (() => Promise<number>)[]): Promise<number[]> => {
  const statuses: number[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < requests.length) {
      const request = requests[next++];
      if (request !== undefined) statuses.push(await request());
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return statuses;
};

/** The usage report once the consumer has caught up with every use it will see (two polls in a row agree). */
const settledUsage = async (session: string, id: string) => {
  const deadline = Date.now() + 120_000;
  let last = -1;
  for (;;) {
    const reply = await call('GET', `/tokens/${id}/usage`, { auth: session });
    const seen: number = reply.body.requests.day;
    if (reply.status !== 200 || (seen >= TOTAL && seen === last) || Date.now() > deadline) return reply;
    last = seen;
    await sleep(seen >= TOTAL ? 1_000 : 250);
  }
};

describe('usage under load', () => {
  it(
    'counts each of 3,000 requests from three addresses exactly once',
    async () => {
      const { session } = await newUser();
      const token = await createToken(session, { scopes: ['cases:read'] });
      const requests = ADDRESSES.flatMap((ip) =>
        Array.from({ length: PER_ADDRESS }, () => () => getFrom(ip, '/v1/cases', token.token)),
      );
      const statuses = await sendAll(requests);
      expect(statuses.filter((status) => status === 200)).toHaveLength(TOTAL);

      const reply = await settledUsage(session, token.id);
      expect(reply.status).toBe(200);
      expect(reply.body.requests).toEqual({ day: TOTAL, week: TOTAL, month: TOTAL });
      expect(
        reply.body.ips
          .map((entry: { ip: string; requests: number }) => [entry.ip, entry.requests])
          .sort(([a]: [string], [b]: [string]) => a.localeCompare(b)),
      ).toEqual(ADDRESSES.map((ip) => [ip, PER_ADDRESS]));
    },
    LOAD_TEST_TIMEOUT_MS,
  );
});
