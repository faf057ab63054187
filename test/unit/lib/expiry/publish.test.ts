import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eventBridgePublisher } from '../../../../lib/expiry/publish';
import type { ExpiryEvent } from '../../../../lib/expiry/types';

// EventBridge cannot run here: a local HTTP endpoint records the PutEvents calls and answers as EventBridge does.
interface Call {
  target: string | undefined;
  body: { Entries: Record<string, unknown>[] };
}

let server: Server;
let calls: Call[];
let answer: Record<string, unknown>;
let client: EventBridgeClient;

beforeAll(async () => {
  server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      calls.push({ target: request.headers['x-amz-target'] as string | undefined, body: JSON.parse(text) });
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      response.end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  client = new EventBridgeClient({
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
});
afterAll(async () => {
  client.destroy();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  calls = [];
  answer = { FailedEntryCount: 0, Entries: [{ EventId: 'e-1' }] };
});

const event: ExpiryEvent = {
  source: 'api-tokens',
  detailType: 'API token expired',
  time: '2027-03-10T12:00:00.000Z',
  detail: {
    noticeId: 't-1:expired',
    stage: 'prod',
    userId: 'alice',
    tokenId: 't-1',
    tokenName: 'Zapier',
    expiresAt: '2027-03-10T12:00:00.000Z',
    daysLeft: 0,
    threshold: 0,
  },
};

describe('the EventBridge publisher', () => {
  it('puts one entry on the configured bus: source, detail-type, time and the detail as JSON', async () => {
    await eventBridgePublisher(client, 'token-events').publish(event);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.target).toBe('AWSEvents.PutEvents');
    const [entry] = calls[0]?.body.Entries ?? [];
    expect(entry).toMatchObject({
      EventBusName: 'token-events',
      Source: 'api-tokens',
      DetailType: 'API token expired',
    });
    expect(JSON.parse(String(entry?.Detail))).toEqual(event.detail);
    expect(new Date(Number(entry?.Time) * 1000).toISOString()).toBe(event.time);
  });

  it('fails when EventBridge refused the entry, though the call answered 200', async () => {
    answer = { FailedEntryCount: 1, Entries: [{ ErrorCode: 'InternalFailure', ErrorMessage: 'try again' }] };
    await expect(eventBridgePublisher(client, 'token-events').publish(event)).rejects.toThrow('InternalFailure');
  });
});
