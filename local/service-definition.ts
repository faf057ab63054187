import { DEFAULT_SCHEMA, load, Type } from 'js-yaml';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

// serverless.yml is the one description of what gets deployed; `npm start` reads the parts it
// emulates (the table, the stream's event source mapping) from it instead of restating them.

const SERVERLESS_YML = join(__dirname, '..', 'serverless.yml');

/** The stage `npm start` runs serverless-offline with. */
export const LOCAL_STAGE = 'local';

const INTRINSICS = [
  'Base64',
  'Cidr',
  'FindInMap',
  'GetAZs',
  'ImportValue',
  'Join',
  'Select',
  'Split',
  'Sub',
  'Transform',
  'And',
  'Equals',
  'If',
  'Not',
  'Or',
];

/** CloudFormation's short tags (`!GetAtt A.B`, `!Sub ...`, `!Ref X`) as the long form they stand for. */
const cloudFormationTags = [
  ...INTRINSICS.map((name) => ({ tag: name, key: `Fn::${name}` })),
  { tag: 'GetAtt', key: 'Fn::GetAtt' },
  { tag: 'Ref', key: 'Ref' },
  { tag: 'Condition', key: 'Condition' },
].flatMap(({ tag, key }) =>
  (['scalar', 'sequence', 'mapping'] as const).map(
    (kind) =>
      new Type(`!${tag}`, {
        kind,
        construct: (data: unknown) => ({
          [key]: key === 'Fn::GetAtt' && typeof data === 'string' ? data.split('.') : data,
        }),
      }),
  ),
);

const YAML_SCHEMA = DEFAULT_SCHEMA.extend(cloudFormationTags);

/** A rule of a Lambda event filter: an exact value, or a string prefix. */
const filterRule = z.union([z.string(), z.number(), z.boolean(), z.null(), z.strictObject({ prefix: z.string() })]);
export type FilterRule = z.infer<typeof filterRule>;
/** A Lambda event filter pattern: field names leading to lists of accepted rules. */
export interface FilterPattern {
  [field: string]: FilterPattern | FilterRule[];
}
const filterPattern: z.ZodType<FilterPattern> = z.lazy(() =>
  z.record(z.string(), z.union([z.array(filterRule), filterPattern])),
);

const streamEvent = z.object({
  type: z.literal('dynamodb'),
  // Lambda reads new shards from their start; LATEST would need the mapping's creation time.
  startingPosition: z.literal('TRIM_HORIZON', { error: 'npm start emulates startingPosition TRIM_HORIZON only' }),
  // Lambda's defaults, for settings serverless.yml leaves out.
  batchSize: z.number().int().positive().default(100),
  maximumRetryAttempts: z.number().int().min(-1).default(-1),
  bisectBatchOnFunctionError: z.boolean().default(false),
  functionResponseType: z.literal('ReportBatchItemFailures').optional(),
  filterPatterns: z.array(filterPattern).default([]),
});

const tableProperties = z.object({
  BillingMode: z.enum(['PAY_PER_REQUEST', 'PROVISIONED']),
  AttributeDefinitions: z.array(z.object({ AttributeName: z.string(), AttributeType: z.enum(['S', 'N', 'B']) })),
  KeySchema: z.array(z.object({ AttributeName: z.string(), KeyType: z.enum(['HASH', 'RANGE']) })),
  ProvisionedThroughput: z.object({ ReadCapacityUnits: z.number(), WriteCapacityUnits: z.number() }).optional(),
  TimeToLiveSpecification: z.object({ AttributeName: z.string(), Enabled: z.boolean() }).optional(),
  StreamSpecification: z
    .object({ StreamViewType: z.enum(['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES']) })
    .optional(),
});
export type TableProperties = z.infer<typeof tableProperties>;

const functionMap = z.record(z.string(), z.object({ events: z.array(z.record(z.string(), z.unknown())).default([]) }));
const definition = z.object({
  service: z.string(),
  provider: z.object({ runtime: z.string() }),
  custom: z.object({ esbuild: z.object({ target: z.string() }) }),
  // serverless merges a list of maps; `${file(...)}` entries (the demonstration routes) hold no stream events.
  functions: z
    .union([functionMap, z.array(z.union([functionMap, z.string()]))])
    .transform((value): z.infer<typeof functionMap> =>
      Array.isArray(value) ? Object.assign({}, ...value.filter((entry) => typeof entry !== 'string')) : value,
    ),
  resources: z.array(z.union([z.object({ Resources: z.record(z.string(), z.unknown()) }), z.string()])),
});
type Definition = z.infer<typeof definition>;

let cached: Definition | undefined;
const serverlessYml = (): Definition => {
  cached ??= definition.parse(load(readFileSync(SERVERLESS_YML, 'utf8'), { schema: YAML_SCHEMA }));
  return cached;
};

/** The name serverless gives a function of the local stage: `<service>-<stage>-<function>`. */
export const localFunctionName = (name: string): string => `${serverlessYml().service}-${LOCAL_STAGE}-${name}`;

/** The Lambda runtime every function runs on (`nodejs22.x`). */
export const lambdaRuntime = (): string => serverlessYml().provider.runtime;

/** The JavaScript version serverless-esbuild compiles for (`node22`). */
export const esbuildTarget = (): string => serverlessYml().custom.esbuild.target;

/** The `Properties` of the CloudFormation resource `logicalId` that serverless.yml declares. */
export const tableResource = (logicalId: string): TableProperties => {
  for (const entry of serverlessYml().resources) {
    const resource = typeof entry === 'string' ? undefined : entry.Resources[logicalId];
    if (resource !== undefined) return tableProperties.parse((resource as { Properties?: unknown }).Properties);
  }
  throw new Error(`serverless.yml declares no resource ${logicalId}`);
};

/** How Lambda feeds a DynamoDB stream to a function: its event source mapping's settings. */
export interface StreamEventSettings {
  batchSize: number;
  /** Retries of a failing batch before its records go to the on-failure destination; Infinity for -1. */
  maximumRetryAttempts: number;
  bisectBatchOnFunctionError: boolean;
  /** FunctionResponseTypes includes ReportBatchItemFailures: the function's answer names failed records. */
  reportBatchItemFailures: boolean;
  /** Records matching none of these are skipped (and count as processed); no patterns: all records. */
  filterPatterns: FilterPattern[];
}

/** The settings of `functionName`'s DynamoDB stream event in serverless.yml. */
export const streamEventSettings = (functionName: string): StreamEventSettings => {
  const events = serverlessYml().functions[functionName]?.events ?? [];
  const found = events.find((event) => 'stream' in event);
  if (!found) throw new Error(`serverless.yml gives ${functionName} no stream event`);
  const event = streamEvent.parse(found.stream);
  return {
    batchSize: event.batchSize,
    maximumRetryAttempts: event.maximumRetryAttempts === -1 ? Infinity : event.maximumRetryAttempts,
    bisectBatchOnFunctionError: event.bisectBatchOnFunctionError,
    reportBatchItemFailures: event.functionResponseType === 'ReportBatchItemFailures',
    filterPatterns: event.filterPatterns,
  };
};
