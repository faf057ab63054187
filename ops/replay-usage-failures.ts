import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import { parseArgs } from 'node:util';
import { clientSettings, createDb, type Db } from '../lib/storage/dynamodb';
import { replayFailures, type Replay } from './usage-failures/redrive';

// npm run replay-usage-failures -- --queue-url <UsageFailuresQueue's URL> [--max-messages 1000]
// Re-drives the stream ranges the usage consumer's failure queue names through the consumer, deletes
// the messages replayed, and keeps (and reports) the others. AWS region and credentials as the AWS
// CLI takes them (AWS_REGION, AWS_PROFILE, ...). See the README's runbook.

const USAGE = 'usage: npm run replay-usage-failures -- --queue-url <url> [--max-messages <n>]';
/** Long enough for the whole run: a message not deleted shows up in the queue again after it. */
const VISIBILITY_TIMEOUT_S = 900;

const { values } = parseArgs({
  options: { 'queue-url': { type: 'string' }, 'max-messages': { type: 'string', default: '1000' } },
});
const queueUrl = values['queue-url'];
const maxMessages = Number(values['max-messages']);
if (!queueUrl || !Number.isInteger(maxMessages) || maxMessages < 1) {
  console.error(USAGE);
  process.exit(2);
}

const sqs = new SQSClient({});
const streams = new DynamoDBStreamsClient(clientSettings());
const tables = new Map<string, Db>();
const db = (tableName: string): Db => {
  const made = tables.get(tableName) ?? createDb({ tableName });
  tables.set(tableName, made);
  return made;
};

/** Every message the queue gives out now, up to `maxMessages`, each hidden from others for the run. */
const receiveAll = async (): Promise<Message[]> => {
  const messages: Message[] = [];
  while (messages.length < maxMessages) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: Math.min(10, maxMessages - messages.length),
        VisibilityTimeout: VISIBILITY_TIMEOUT_S,
        WaitTimeSeconds: 1,
      }),
    );
    if (Messages.length === 0) break;
    messages.push(...Messages);
  }
  return messages;
};

const describe = ({ message, batch, outcome }: Replay): string => {
  const range = batch ? ` (shard ${batch.shardId}, ${batch.startSequenceNumber}..${batch.endSequenceNumber})` : '';
  switch (outcome.kind) {
    case 'replayed':
      return (
        `replayed and deleted ${message.id}${range}: ${outcome.records} stream records, ${outcome.useEvents} use ` +
        `events, ${outcome.alreadyCounted} of them counted before`
      );
    case 'gone':
      return `KEPT ${message.id}${range}: the stream no longer has this range, it cannot be replayed: ${outcome.why}`;
    case 'failed':
      return `KEPT ${message.id}${range}: replay failed, run again once the cause is fixed: ${outcome.why}`;
    case 'unreadable':
      return `KEPT ${message.id}: not a usage failure record: ${outcome.why}`;
  }
};

const main = async (): Promise<number> => {
  const received = await receiveAll();
  const receipts = new Map(received.map((m) => [m.MessageId ?? '', m.ReceiptHandle ?? '']));
  const replays = await replayFailures(
    received.map((m) => ({ id: m.MessageId ?? '', body: m.Body ?? '' })),
    { streams, db },
  );
  for (const replay of replays) {
    if (replay.outcome.kind === 'replayed') {
      await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: receipts.get(replay.message.id) }));
    }
    console.log(describe(replay));
  }
  const kept = replays.filter((replay) => replay.outcome.kind !== 'replayed').length;
  console.log(`${received.length} message(s) read, ${received.length - kept} replayed and deleted, ${kept} kept`);
  return kept === 0 ? 0 : 1;
};

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
