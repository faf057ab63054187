import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
  type CreateTableCommandInput,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { tableResource, type TableProperties } from './service-definition';

/** The CloudFormation resource of the table in serverless.yml. */
const TABLE_RESOURCE = 'TokensTable';

/** CreateTable's input for the table serverless.yml declares (keys, billing, stream). */
const createTableInput = (tableName: string, table: TableProperties): CreateTableCommandInput => ({
  TableName: tableName,
  BillingMode: table.BillingMode,
  AttributeDefinitions: table.AttributeDefinitions,
  KeySchema: table.KeySchema,
  ...(table.ProvisionedThroughput && { ProvisionedThroughput: table.ProvisionedThroughput }),
  ...(table.StreamSpecification && {
    StreamSpecification: { StreamEnabled: true, StreamViewType: table.StreamSpecification.StreamViewType },
  }),
});

/** Creates the table as serverless.yml declares it (keys, billing, stream, TTL); an existing table is left alone. */
export const ensureTable = async (client: DynamoDBClient, tableName: string): Promise<void> => {
  const table = tableResource(TABLE_RESOURCE);
  try {
    await client.send(new CreateTableCommand(createTableInput(tableName, table)));
  } catch (error) {
    if (error instanceof ResourceInUseException) return;
    throw error;
  }
  if (table.TimeToLiveSpecification) {
    await client.send(
      new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: table.TimeToLiveSpecification }),
    );
  }
  await client.send(new DescribeTableCommand({ TableName: tableName }));
};
