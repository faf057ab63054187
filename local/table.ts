import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type CreateTableCommandInput,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { tableResource, type TableProperties } from './service-definition';

/** The CloudFormation resource of the table in serverless.yml. */
const TABLE_RESOURCE = 'TokensTable';

/** CreateTable's input for the table serverless.yml declares (keys, indexes, billing, stream). */
const createTableInput = (tableName: string, table: TableProperties): CreateTableCommandInput => ({
  TableName: tableName,
  BillingMode: table.BillingMode,
  AttributeDefinitions: table.AttributeDefinitions,
  KeySchema: table.KeySchema,
  ...(table.GlobalSecondaryIndexes && { GlobalSecondaryIndexes: table.GlobalSecondaryIndexes }),
  ...(table.ProvisionedThroughput && { ProvisionedThroughput: table.ProvisionedThroughput }),
  ...(table.StreamSpecification && {
    StreamSpecification: { StreamEnabled: true, StreamViewType: table.StreamSpecification.StreamViewType },
  }),
});

/** Adds the indexes serverless.yml declares that a table kept from an earlier run (persistent local data) lacks. */
const addMissingIndexes = async (client: DynamoDBClient, tableName: string, table: TableProperties): Promise<void> => {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
  const present = new Set((Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  for (const index of table.GlobalSecondaryIndexes ?? []) {
    if (present.has(index.IndexName)) continue;
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: table.AttributeDefinitions,
        GlobalSecondaryIndexUpdates: [{ Create: index }],
      }),
    );
  }
};

/**
 * Creates the table as serverless.yml declares it (keys, indexes, billing, stream, TTL); an existing table
 * is left alone but for the indexes it lacks.
 */
export const ensureTable = async (client: DynamoDBClient, tableName: string): Promise<void> => {
  const table = tableResource(TABLE_RESOURCE);
  try {
    await client.send(new CreateTableCommand(createTableInput(tableName, table)));
  } catch (error) {
    if (error instanceof ResourceInUseException) return addMissingIndexes(client, tableName, table);
    throw error;
  }
  if (table.TimeToLiveSpecification) {
    await client.send(
      new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: table.TimeToLiveSpecification }),
    );
  }
  await client.send(new DescribeTableCommand({ TableName: tableName }));
};
