// The local tooling the benchmark runs on, imported here and nowhere else in bench/, so that moving it
// means changing these lines only.
export { localClient, startDynamoDbLocal, type DynamoDbLocal } from '../scripts/dynamodb-local';
export { freePort } from '../scripts/ports';
export { ensureTable } from '../lib/storage/table';
export { openTableStream, type TableStream } from '../scripts/table-stream';
export { toLambdaRecord } from '../scripts/stream-poller';
export { buildWeb } from '../scripts/web-build';
