// The local tooling the benchmark runs on, imported here and nowhere else in bench/, so that moving it
// means changing these lines only.
export { localClient, startDynamoDbLocal, type DynamoDbLocal } from '../local/dynamodb-local';
export { freePort } from '../local/free-port';
export { ensureTable } from '../local/table';
export { openTableStream, type TableStream } from '../local/stream/table-stream';
export { toLambdaRecord } from '../local/stream/records';
export { buildWeb } from '../local/web-build';
