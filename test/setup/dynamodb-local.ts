import { startDynamoDbLocal } from '../../local/dynamodb-local';
import { freePort } from '../../local/free-port';
import { setUp, stopOnTeardown } from './running';

/** The integration tests' DynamoDB Local, of their own (tables are per test file), at DYNAMODB_ENDPOINT. */
export default (): Promise<void> =>
  setUp(async () => {
    const dynamo = await startDynamoDbLocal(await freePort());
    stopOnTeardown(dynamo.stop);
    process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
  });
