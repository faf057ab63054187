import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { HotPath } from '../lib/storage/hot-path';
import type { Scenario } from './timing';

// Instrumentation, not a mock: an SDK middleware on the client's stack notes every command that
// really goes to DynamoDB Local. A DynamoDBDocumentClient shares its low-level DynamoDBClient's
// middleware stack, so this sees every command sent through either. The hot path (lib/storage/hot-path.ts)
// has no middleware stack: its two calls are noted by wrapping them for the run.

/** One command sent to DynamoDB. */
export interface DbCall {
  /** Operation name, e.g. `GetItem`. */
  operation: string;
  /** Items the command asks DynamoDB to write (0 for reads). */
  itemsWritten: number;
  /** process.hrtime.bigint() when it was sent and when its answer (or error) came back. */
  start: bigint;
  end: bigint;
  failed: boolean;
}

type Input = Record<string, unknown>;

const countOf = (list: unknown): number => (Array.isArray(list) ? list.length : 0);

/**
 * Items a write command writes: PutItem, UpdateItem and DeleteItem one each; TransactWriteItems its
 * Put, Update and Delete members (a ConditionCheck writes nothing); BatchWriteItem its requests,
 * less those DynamoDB handed back unprocessed (the caller re-sends those, and they are counted then).
 */
const itemsWritten = (operation: string, input: Input, output: Input | undefined): number => {
  switch (operation) {
    case 'PutItem':
    case 'UpdateItem':
    case 'DeleteItem':
      return 1;
    case 'TransactWriteItems':
      return ((input.TransactItems as Input[] | undefined) ?? []).filter(
        (item) => item.Put !== undefined || item.Update !== undefined || item.Delete !== undefined,
      ).length;
    case 'BatchWriteItem': {
      const requested = Object.values((input.RequestItems as Record<string, unknown> | undefined) ?? {});
      const unprocessed = Object.values((output?.UnprocessedItems as Record<string, unknown> | undefined) ?? {});
      return (
        requested.reduce<number>((n, list) => n + countOf(list), 0) -
        unprocessed.reduce<number>((n, list) => n + countOf(list), 0)
      );
    }
    case 'ExecuteStatement':
    case 'BatchExecuteStatement':
    case 'ExecuteTransaction':
      throw new Error(`${operation} (PartiQL) may write, and is not counted; teach bench/db-calls.ts about it`);
    default:
      return 0;
  }
};

let nextId = 0;

/** Sends one command, noting it in `calls` with the items `written` says its answer wrote. */
const noted = async <T>(
  calls: DbCall[],
  operation: string,
  send: () => Promise<T>,
  written: (answer: T) => number,
): Promise<T> => {
  const call: DbCall = { operation, itemsWritten: 0, start: process.hrtime.bigint(), end: 0n, failed: false };
  calls.push(call);
  try {
    const answer = await send();
    call.itemsWritten = written(answer);
    return answer;
  } catch (error) {
    // A refused write (condition failed, transaction cancelled) writes nothing.
    call.failed = true;
    throw error;
  } finally {
    call.end = process.hrtime.bigint();
  }
};

/** Notes the hot path's calls in `calls` until the answered function is called. */
const recordHotPath = (hotPath: HotPath, calls: DbCall[]): (() => void) => {
  const { getItem, putItem } = hotPath;
  hotPath.getItem = (input) =>
    noted(
      calls,
      'GetItem',
      () => getItem(input),
      () => 0,
    );
  hotPath.putItem = (input) =>
    noted(
      calls,
      'PutItem',
      () => putItem(input),
      () => 1,
    );
  return () => Object.assign(hotPath, { getItem, putItem });
};

/** Runs `run` with every DynamoDB command sent through `client` (and `hotPath`, if given) recorded, in the order they were sent. */
export const recordDbCalls = async <T>(
  client: DynamoDBDocumentClient,
  run: () => Promise<T>,
  hotPath?: HotPath,
): Promise<{ result: T; calls: DbCall[] }> => {
  const calls: DbCall[] = [];
  const name = `benchDbCallRecorder${nextId++}`;
  client.middlewareStack.add(
    (next, context) => (args) => {
      const operation = (context.commandName ?? 'Unknown').replace(/Command$/, '');
      return noted(
        calls,
        operation,
        () => next(args),
        (answer) => itemsWritten(operation, args.input as Input, answer.output as Input | undefined),
      );
    },
    { step: 'initialize', name },
  );
  const restore = hotPath === undefined ? () => undefined : recordHotPath(hotPath, calls);
  try {
    return { result: await run(), calls };
  } finally {
    restore();
    client.middlewareStack.remove(name);
  }
};

/** Calls per operation, e.g. `{ GetItem: 1, PutItem: 1 }`. */
export const callsByOperation = (calls: readonly DbCall[]): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const { operation } of calls) counts[operation] = (counts[operation] ?? 0) + 1;
  return counts;
};

export const describeCalls = (counts: Record<string, number>): string =>
  Object.entries(counts)
    .map(([operation, n]) => `${n} ${operation}`)
    .join(' + ') || 'none';

/** Whether two calls were in flight at the same time. */
export const overlapped = (a: DbCall, b: DbCall): boolean => a.start < b.end && b.start < a.end;

/** Microseconds during which at least one of the calls was in flight. */
export const inFlightMicros = (calls: readonly DbCall[]): number => {
  let total = 0n;
  let until = 0n;
  for (const { start, end } of [...calls].sort((a, b) => (a.start < b.start ? -1 : 1))) {
    if (end <= until) continue;
    total += end - (start > until ? start : until);
    until = end;
  }
  return Number(total) / 1000;
};

/** Items the calls wrote, e.g. 30 for a batch's aggregation. */
export const writesOf = (calls: readonly DbCall[]): number => calls.reduce((sum, call) => sum + call.itemsWritten, 0);

/** e.g. `10 TransactWriteItems (50 items), 10 UpdateItem (10 items), 2 BatchGetItem` */
export const commandBreakdown = (calls: readonly DbCall[]): string => {
  const byOperation = new Map<string, { calls: number; items: number; failed: number }>();
  for (const call of calls) {
    const entry = byOperation.get(call.operation) ?? { calls: 0, items: 0, failed: 0 };
    entry.calls += 1;
    entry.items += call.itemsWritten;
    entry.failed += call.failed ? 1 : 0;
    byOperation.set(call.operation, entry);
  }
  return [...byOperation]
    .map(
      ([operation, { calls: n, items, failed }]) =>
        `${n} ${operation}` + (items > 0 ? ` (${items} items)` : '') + (failed > 0 ? `, ${failed} refused` : ''),
    )
    .join(', ');
};

const sameCounts = (a: Record<string, number>, b: Record<string, number>): boolean => {
  const names = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...names].every((name) => (a[name] ?? 0) === (b[name] ?? 0));
};

/** Each scenario makes exactly the DynamoDB calls it should (and, where it should, makes them concurrently). */
export const expectDbCalls = async (
  client: DynamoDBDocumentClient,
  scenarios: readonly Scenario[],
  hotPath?: HotPath,
): Promise<void> => {
  for (const entry of scenarios) {
    const { calls } = await recordDbCalls(client, entry.timeOnce, hotPath);
    const seen = callsByOperation(calls);
    if (!sameCounts(seen, entry.dbCalls) || calls.some((call) => call.failed)) {
      throw new Error(
        `${entry.label}: expected ${describeCalls(entry.dbCalls)}, saw ${describeCalls(seen)}` +
          `${calls.some((call) => call.failed) ? ' (some failed)' : ''}`,
      );
    }
    const [first, second] = calls;
    if (entry.concurrent && !(first && second && overlapped(first, second))) {
      throw new Error(`${entry.label}: the calls went out one after the other, not in parallel`);
    }
  }
};
