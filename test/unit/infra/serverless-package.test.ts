import { join } from 'node:path';
import { responses as gatewayResponses } from '../../../infra/gateway-responses';
import { specProblems } from '../../support/cloudformation-spec';
import {
  ofType as resourcesOfType,
  packageFailure,
  packageService,
  type Resource,
  type Template,
} from '../../support/serverless-package';

let template: Template;
/** The prod template with the demonstration routes turned on (the only routes behind the authorizer). */
let resources: Record<string, Resource>;
/** The prod template as deployed by default. */
let byDefault: Template;
let host: Template;
/** The local stage, as `npm start` resolves it. */
let local: Template;
let hostLocal: Template;

const ofType = (type: string, from: Template = template): [string, Resource][] => resourcesOfType(from, type);
const statements = (roleName: string): any[] =>
  (resources[roleName]?.Properties.Policies ?? []).flatMap((policy: any) => policy.PolicyDocument.Statement);

const TABLE_ARN = { 'Fn::GetAtt': ['TokensTable', 'Arn'] };

/** A role's item calls on the table: each action, with the key prefixes its statements allow it on. */
const itemAccess = (roleName: string): Record<string, string[]> => {
  const access: Record<string, string[]> = {};
  for (const statement of statements(roleName)) {
    if (JSON.stringify(statement.Resource) !== JSON.stringify(TABLE_ARN)) continue;
    // Every statement on the table names the partitions it allows: none may reach the whole table.
    const prefixes: string[] = statement.Condition['ForAllValues:StringLike']['dynamodb:LeadingKeys'];
    expect(statement.Effect).toBe('Allow');
    for (const action of statement.Action) access[action] = [...(access[action] ?? []), ...prefixes].sort();
  }
  return access;
};

const ROOT = join(__dirname, '..', '..', '..');
/** Given to the template with the demonstration routes; the default one makes a topic of its own. */
const ALARM_TOPIC_ARN = 'arn:aws:sns:eu-west-1:123456789012:platform-alarms';
const STAGE = 'prod';
const SESSION_ENV = {
  SESSION_ISSUER: 'https://id.example.com/',
  SESSION_AUDIENCE: 'api-tokens',
  SESSION_JWKS_URL: 'https://id.example.com/.well-known/jwks.json',
};

const HOST_DIR = join(ROOT, 'examples', 'host-api');

// The token service's packages one after the other: two at once race on its .serverless folder.
const packageTokenService = async (): Promise<[Template, Template, Template]> => {
  const demo = await packageService(ROOT, STAGE, { ...SESSION_ENV, DEMO_ROUTES: 'true', ALARM_TOPIC_ARN });
  const prod = await packageService(ROOT, STAGE, SESSION_ENV);
  return [demo, prod, await packageService(ROOT, 'local')];
};
const packageHost = async (): Promise<[Template, Template]> => [
  await packageService(HOST_DIR, STAGE),
  await packageService(HOST_DIR, 'local'),
];

beforeAll(async () => {
  [[template, byDefault, local], [host, hostLocal]] = await Promise.all([packageTokenService(), packageHost()]);
  resources = template.Resources;
}, 300_000);

describe('every packaged template, checked against the CloudFormation resource specification', () => {
  it.each([
    ['the token service, prod', () => byDefault],
    ['the token service, prod with DEMO_ROUTES=true', () => template],
    ['the token service, local', () => local],
    ['examples/host-api, prod', () => host],
    ['examples/host-api, local', () => hostLocal],
  ])('%s: known resource types, property names, required properties and attributes', (_, packaged) => {
    expect(specProblems(packaged())).toEqual([]);
  });
});

describe('guarded deploys', () => {
  it.each([
    ['the token service', ROOT, SESSION_ENV],
    ['examples/host-api', HOST_DIR, {}],
  ])('%s does not package without an explicit --stage', async (_, serviceDir, env) => {
    expect(await packageFailure(serviceDir, undefined, env)).toContain('No stage given: name it with --stage');
  });

  it('does not package a deployed stage without the session settings, and names the missing ones', async () => {
    expect(await packageFailure(ROOT, STAGE)).toContain(
      'Stage "prod" needs the session settings SESSION_ISSUER, SESSION_AUDIENCE, SESSION_JWKS_URL',
    );
    const withoutAudience = {
      SESSION_ISSUER: SESSION_ENV.SESSION_ISSUER,
      SESSION_JWKS_URL: SESSION_ENV.SESSION_JWKS_URL,
    };
    expect(await packageFailure(ROOT, 'staging', withoutAudience)).toContain(
      'Stage "staging" needs the session settings SESSION_AUDIENCE:',
    );
  });

  it('does not package a deployed stage whose JWKS URL is not https', async () => {
    const env = { ...SESSION_ENV, SESSION_JWKS_URL: 'http://id.example.com/.well-known/jwks.json' };
    expect(await packageFailure(ROOT, STAGE, env)).toContain('SESSION_JWKS_URL must be an https URL');
  });

  it('packages the local stage without session settings: it signs its own sessions', () => {
    const variables = local.Resources.AuthorizeLambdaFunction?.Properties.Environment.Variables;
    expect(variables).toMatchObject({ STAGE: 'local', SESSION_JWKS_URL: '' });
    expect(variables.SESSION_DEV_KEY_FILE).not.toBe('');
  });

  it('protects the table from deletion, and retains it when the stack goes', () => {
    for (const packaged of [byDefault, local]) {
      const [[, table]] = resourcesOfType(packaged, 'AWS::DynamoDB::Table') as [[string, Resource]];
      expect(table.Properties.DeletionProtectionEnabled).toBe(true);
      expect(table).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    }
  });
});

describe('the expiry emitter in the packaged template', () => {
  it('runs every hour on a schedule', () => {
    const rules = ofType('AWS::Events::Rule', byDefault);
    expect(rules).toHaveLength(1);
    expect(rules[0]?.[1].Properties).toMatchObject({ ScheduleExpression: 'rate(1 hour)', State: 'ENABLED' });
    expect(JSON.stringify(rules[0]?.[1].Properties.Targets)).toContain('EmitExpiryEventsLambdaFunction');
  });

  it('reads and marks the expiry calendar, reads keys and listings, writes audit entries and notices, and no more', () => {
    expect(itemAccess('ExpiryRole')).toEqual({
      'dynamodb:Query': ['EXPIRES#*'],
      'dynamodb:UpdateItem': ['EXPIRES#*'],
      'dynamodb:GetItem': ['KEY#*', 'USER#*'],
      'dynamodb:PutItem': ['AUDIT#*', 'NOTICES#*'],
    });
  });

  it('puts events on the configured bus only (the default bus unless EXPIRY_EVENT_BUS names another)', () => {
    const events = statements('ExpiryRole').filter((s) => s.Action.some((a: string) => a.startsWith('events:')));
    expect(events).toEqual([
      {
        Effect: 'Allow',
        Action: ['events:PutEvents'],
        Resource: {
          'Fn::Sub': 'arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default',
        },
      },
    ]);
    expect(resources.EmitExpiryEventsLambdaFunction?.Properties.Environment.Variables).toMatchObject({
      EXPIRY_WARNING_DAYS: '30,7,1',
      EXPIRY_EVENT_BUS: 'default',
    });
  });

  it('logs the events locally instead of publishing them', () => {
    expect(local.Resources.EmitExpiryEventsLambdaFunction?.Properties.Environment.Variables.EXPIRY_EVENT_BUS).toBe('');
  });
});

describe('the packaged CloudFormation template by default', () => {
  it('has no demonstration routes: no /v1 method, no whoami or moduleRoute function', () => {
    const methods = ofType('AWS::ApiGateway::Method', byDefault).map(([name]) => name);
    expect(methods.filter((name) => name.startsWith('ApiGatewayMethodV1'))).toEqual([]);
    expect(methods).toHaveLength(13);
    expect(byDefault.Resources.WhoamiLambdaFunction).toBeUndefined();
    expect(byDefault.Resources.ModuleRouteLambdaFunction).toBeUndefined();
    expect(byDefault.Resources.AuthorizeLambdaFunction?.Type).toBe('AWS::Lambda::Function');
    expect(ofType('AWS::Lambda::Function', byDefault)).toHaveLength(16);
  });
});

describe('the packaged CloudFormation template with DEMO_ROUTES=true', () => {
  it('declares one pay-per-request table keyed PK/SK with a TTL attribute and a stream', () => {
    const [[, table]] = ofType('AWS::DynamoDB::Table') as [[string, Resource]];
    expect(ofType('AWS::DynamoDB::Table')).toHaveLength(1);
    expect(table.Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: 'PK', KeyType: 'HASH' },
        { AttributeName: 'SK', KeyType: 'RANGE' },
      ],
      TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
    expect(table.DeletionPolicy).toBe('Retain');
  });

  it('runs a REQUEST authorizer on the Authorization header with its result cache off', () => {
    const authorizers = ofType('AWS::ApiGateway::Authorizer');
    expect(authorizers).toHaveLength(1);
    expect(authorizers[0]?.[1].Properties).toMatchObject({
      Type: 'REQUEST',
      IdentitySource: 'method.request.header.Authorization',
      AuthorizerResultTtlInSeconds: 0,
    });
  });

  it('protects every /v1 method with the authorizer and no management method with it', () => {
    const methods = ofType('AWS::ApiGateway::Method');
    const protectedMethods = methods.filter(([name]) => name.startsWith('ApiGatewayMethodV1'));
    expect(protectedMethods.length).toBe(3);
    expect(methods.length).toBe(16);
    for (const [, method] of protectedMethods) expect(method.Properties.AuthorizationType).toBe('CUSTOM');
    for (const [, method] of methods.filter(([name]) => !name.startsWith('ApiGatewayMethodV1'))) {
      expect(method.Properties.AuthorizationType).toBe('NONE');
    }
  });

  it('renders authorizer denials and a missing token in the contract error shape', () => {
    const byType = Object.fromEntries(
      ofType('AWS::ApiGateway::GatewayResponse').map(([, r]) => [r.Properties.ResponseType, r.Properties]),
    );
    expect(byType.ACCESS_DENIED).toMatchObject({
      StatusCode: '401',
      ResponseTemplates: {
        'application/json': '{"code":"$context.authorizer.code","message":"$context.authorizer.message"}',
      },
    });
    expect(JSON.parse(byType.UNAUTHORIZED.ResponseTemplates['application/json'])).toEqual({
      code: 'token_missing',
      message: expect.any(String),
    });
    expect(byType.UNAUTHORIZED.StatusCode).toBe('401');
    for (const type of ['AUTHORIZER_FAILURE', 'AUTHORIZER_CONFIGURATION_ERROR']) {
      expect({ type, status: byType[type].StatusCode }).toEqual({ type, status: '503' });
      expect(JSON.parse(byType[type].ResponseTemplates['application/json'])).toEqual({
        code: 'service_unavailable',
        message: expect.any(String),
      });
    }
  });

  it('renders oversized bodies, throttling, unknown routes and the fallbacks with fixed contract errors', () => {
    const byType = Object.fromEntries(
      ofType('AWS::ApiGateway::GatewayResponse').map(([, r]) => [r.Properties.ResponseType, r.Properties]),
    );
    const answer = (type: string) => ({
      status: byType[type]?.StatusCode,
      body: JSON.parse(byType[type]?.ResponseTemplates['application/json'] ?? 'null'),
    });
    expect(answer('REQUEST_TOO_LARGE')).toEqual({
      status: '413',
      body: { code: 'payload_too_large', message: 'The request body is too large' },
    });
    expect(answer('THROTTLED')).toEqual({
      status: '429',
      body: { code: 'rate_limited', message: 'Too many requests' },
    });
    expect(byType.THROTTLED.ResponseParameters['gatewayresponse.header.Retry-After']).toBe("'1'");
    expect(answer('QUOTA_EXCEEDED').status).toBe('429');
    expect(answer('MISSING_AUTHENTICATION_TOKEN')).toEqual({
      status: '404',
      body: { code: 'route_not_found', message: 'No such route' },
    });
    expect(answer('INTEGRATION_TIMEOUT').status).toBe('503');
    expect(answer('DEFAULT_4XX')).toEqual({
      status: undefined,
      body: { code: 'invalid_request', message: 'The request is not valid' },
    });
    expect(answer('DEFAULT_5XX')).toEqual({
      status: undefined,
      body: { code: 'internal_error', message: 'Internal server error' },
    });
    for (const [, response] of ofType('AWS::ApiGateway::GatewayResponse'))
      expect(response.Properties.ResponseTemplates['application/json']).not.toContain('$context.error');
  });

  it('throttles every method of the stage: 100 requests a second, bursts of 200, by default', () => {
    const deployments = ofType('AWS::ApiGateway::Deployment');
    expect(deployments).toHaveLength(1);
    expect(deployments[0]?.[1].Properties).toMatchObject({
      StageName: STAGE,
      StageDescription: {
        MethodSettings: [{ ResourcePath: '/*', HttpMethod: '*', ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 }],
      },
    });
  });

  it('lets the authorizer only read key items and write use events', () => {
    expect(statements('AuthorizerRole')).toEqual([
      {
        Effect: 'Allow',
        Action: ['dynamodb:GetItem'],
        Resource: { 'Fn::GetAtt': ['TokensTable', 'Arn'] },
        Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['KEY#*'] } },
      },
      {
        Effect: 'Allow',
        Action: ['dynamodb:PutItem'],
        Resource: { 'Fn::GetAtt': ['TokensTable', 'Arn'] },
        Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['USE#*'] } },
      },
    ]);
  });

  it('consumes the stream with partial batch failures, bisection, bounded retries and an SQS on-failure destination', () => {
    const mappings = ofType('AWS::Lambda::EventSourceMapping');
    expect(mappings).toHaveLength(1);
    const mapping = mappings[0]?.[1].Properties ?? {};
    expect(mapping).toMatchObject({
      EventSourceArn: { 'Fn::GetAtt': ['TokensTable', 'StreamArn'] },
      FunctionName: { 'Fn::GetAtt': ['AggregateUsageLambdaFunction', 'Arn'] },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 5,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': ['UsageFailuresQueue', 'Arn'] } } },
    });
    expect(JSON.parse(mapping.FilterCriteria.Filters[0].Pattern)).toEqual({
      eventName: ['INSERT'],
      dynamodb: { Keys: { PK: { S: [{ prefix: 'USE#' }] } } },
    });
    expect(resources.UsageFailuresQueue?.Type).toBe('AWS::SQS::Queue');
    expect(statements('UsageRole').find((s) => s.Action.includes('sqs:SendMessage'))?.Resource).toEqual({
      'Fn::GetAtt': ['UsageFailuresQueue', 'Arn'],
    });
  });

  it('gives each function only the item calls it makes, on the key prefixes it makes them on, and no Scan', () => {
    expect(itemAccess('AuthorizerRole')).toEqual({ 'dynamodb:GetItem': ['KEY#*'], 'dynamodb:PutItem': ['USE#*'] });
    expect(itemAccess('CreateTokenRole')).toEqual({
      'dynamodb:GetItem': ['USER#*'],
      'dynamodb:UpdateItem': ['USER#*'],
      'dynamodb:PutItem': ['AUDIT#*', 'EXPIRES#*', 'KEY#*', 'USER#*'],
    });
    expect(itemAccess('ListTokensRole')).toEqual({
      'dynamodb:GetItem': ['USER#*'],
      'dynamodb:BatchGetItem': ['USER#*'],
      'dynamodb:Query': ['USER#*'],
    });
    expect(itemAccess('RevokeTokenRole')).toEqual({
      'dynamodb:GetItem': ['USER#*'],
      'dynamodb:DeleteItem': ['USER#*'],
      'dynamodb:UpdateItem': ['KEY#*', 'USER#*'],
      'dynamodb:PutItem': ['AUDIT#*'],
    });
    // Rename (claim and release names), describe, disable and enable (the key too), with the audit entry.
    expect(itemAccess('UpdateTokenRole')).toEqual({
      'dynamodb:GetItem': ['USER#*'],
      'dynamodb:DeleteItem': ['USER#*'],
      'dynamodb:UpdateItem': ['KEY#*', 'USER#*'],
      'dynamodb:PutItem': ['AUDIT#*', 'USER#*'],
    });
    expect(itemAccess('ListAuditRole')).toEqual({ 'dynamodb:Query': ['AUDIT#*'] });
    expect(itemAccess('ListNoticesRole')).toEqual({ 'dynamodb:Query': ['NOTICES#*'] });
    expect(itemAccess('RollTokenRole')).toEqual({
      'dynamodb:GetItem': ['USER#*'],
      'dynamodb:DeleteItem': ['USER#*'],
      'dynamodb:UpdateItem': ['KEY#*', 'USER#*'],
      'dynamodb:PutItem': ['AUDIT#*', 'EXPIRES#*', 'KEY#*', 'USER#*'],
    });
    expect(itemAccess('TokenUsageRole')).toEqual({ 'dynamodb:GetItem': ['USER#*'], 'dynamodb:Query': ['USAGE#*'] });
    // Leak reports: find the key and its token, count reports per address, revoke with the audit entry and notice.
    expect(itemAccess('ReportLeaksRole')).toEqual({
      'dynamodb:GetItem': ['KEY#*', 'USER#*'],
      'dynamodb:UpdateItem': ['KEY#*', 'LEAKS#*', 'USER#*'],
      'dynamodb:DeleteItem': ['USER#*'],
      'dynamodb:PutItem': ['AUDIT#*', 'NOTICES#*'],
    });
    // The usage consumer only updates listings (USER#): it must not be able to create one.
    expect(itemAccess('UsageRole')).toEqual({
      'dynamodb:BatchGetItem': ['KEY#*', 'USAGE#*'],
      'dynamodb:PutItem': ['USAGE#*'],
      'dynamodb:UpdateItem': ['USAGE#*', 'USER#*'],
    });
  });

  it('gives functions that need no data no DynamoDB access at all', () => {
    expect(statements('BasicRole')).toEqual([]);
    const roleOf = (fn: string) => resources[`${fn}LambdaFunction`]?.Properties.Role['Fn::GetAtt'][0];
    expect(roleOf('Authorize')).toBe('AuthorizerRole');
    for (const fn of ['Health', 'Openapi', 'ListScopes', 'Whoami', 'ModuleRoute']) expect(roleOf(fn)).toBe('BasicRole');
    for (const fn of [
      'CreateToken',
      'ListTokens',
      'RevokeToken',
      'TokenUsage',
      'UpdateToken',
      'ListAudit',
      'RollToken',
      'ListNotices',
    ]) {
      expect(roleOf(fn)).toBe(`${fn}Role`);
    }
    expect(roleOf('AggregateUsage')).toBe('UsageRole');
    expect(roleOf('EmitExpiryEvents')).toBe('ExpiryRole');
    for (const fn of ['ReportLeaks', 'ReportGithubLeaks']) expect(roleOf(fn)).toBe('ReportLeaksRole');
  });

  it('serves the leak report routes without the authorizer, with a rate limit and GitHub’s key list by default', () => {
    const methods = ofType('AWS::ApiGateway::Method', byDefault).filter(([name]) => name.includes('Leaks'));
    expect(methods.map(([, method]) => [method.Properties.HttpMethod, method.Properties.AuthorizationType])).toEqual([
      ['POST', 'NONE'],
      ['POST', 'NONE'],
    ]);
    expect(byDefault.Resources.ReportGithubLeaksLambdaFunction?.Properties.Environment.Variables).toMatchObject({
      LEAK_REPORT_RATE_LIMIT: '10',
      LEAK_REPORT_RATE_WINDOW_SECONDS: '60',
      GITHUB_SECRET_SCANNING_KEYS_URL: 'https://api.github.com/meta/public_keys/secret_scanning',
    });
  });

  it('runs every function on nodejs22.x with live tokens and no development session key', () => {
    const functions = ofType('AWS::Lambda::Function');
    expect(functions.length).toBe(18);
    for (const [, fn] of functions) {
      expect(fn.Properties.Runtime).toBe('nodejs22.x');
      expect(fn.Properties.Environment.Variables).toMatchObject({
        TOKEN_ENVIRONMENT: 'live',
        SESSION_DEV_KEY_FILE: '',
        DYNAMODB_ENDPOINT: '',
        SESSION_JWKS_URL: 'https://id.example.com/.well-known/jwks.json',
      });
    }
  });

  it('exports, by stage, what another service needs: the unqualified authorizer ARN, the API URL, the table name', () => {
    expect(template.Outputs.AuthorizerArn).toEqual({
      Value: { 'Fn::GetAtt': ['AuthorizeLambdaFunction', 'Arn'] },
      Export: { Name: 'api-tokens-prod-AuthorizerArn' },
    });
    expect(template.Outputs.ApiUrl).toEqual({
      Value: { 'Fn::Sub': 'https://${ApiGatewayRestApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/prod' },
      Export: { Name: 'api-tokens-prod-ApiUrl' },
    });
    expect(template.Outputs.TableName).toEqual({
      Value: { Ref: 'TokensTable' },
      Export: { Name: 'api-tokens-prod-TableName' },
    });
  });
});

/** The alarm watching `metric` (a metric's name, or a metric-math alarm's metric names joined by `+`). */
const alarmOn = (metric: string, from: Template = template): Record<string, any>[] => {
  const found = ofType('AWS::CloudWatch::Alarm', from)
    .map(([, alarm]) => alarm.Properties)
    .filter((alarm) =>
      alarm.Metrics
        ? alarm.Metrics.filter((m: any) => m.MetricStat)
            .map((m: any) => m.MetricStat.Metric.MetricName)
            .join('+') === metric
        : alarm.MetricName === metric,
    );
  expect(found.length).toBeGreaterThan(0);
  return found;
};

describe('the alarms, their topic and the access logs in the packaged template', () => {
  const onFunction = (name: string) => [{ Name: 'FunctionName', Value: { Ref: `${name}LambdaFunction` } }];

  it('alarms on authorizer errors and on its p99 duration', () => {
    const errors = alarmOn('Errors').filter((alarm) => alarm.Dimensions[0].Value.Ref === 'AuthorizeLambdaFunction');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ Namespace: 'AWS/Lambda', Statistic: 'Sum', Threshold: 0 });
    expect(errors[0]?.ComparisonOperator).toBe('GreaterThanThreshold');
    expect(alarmOn('Duration')).toEqual([
      expect.objectContaining({
        Namespace: 'AWS/Lambda',
        Dimensions: onFunction('Authorize'),
        ExtendedStatistic: 'p99',
        Threshold: '1000',
        ComparisonOperator: 'GreaterThanThreshold',
      }),
    ]);
  });

  it("alarms on the API's 5xx answers, by the API's name and stage", () => {
    expect(alarmOn('5XXError')).toEqual([
      expect.objectContaining({
        Namespace: 'AWS/ApiGateway',
        Dimensions: [
          { Name: 'ApiName', Value: `${STAGE}-api-tokens` },
          { Name: 'Stage', Value: STAGE },
        ],
        Statistic: 'Sum',
        Threshold: 0,
      }),
    ]);
  });

  it("alarms on the usage consumer's errors, its reported failures and its iterator age", () => {
    const errors = alarmOn('Errors').filter(
      (alarm) => alarm.Dimensions[0].Value.Ref === 'AggregateUsageLambdaFunction',
    );
    expect(errors).toHaveLength(1);
    expect(alarmOn('UsageConsumerFailures')).toEqual([
      expect.objectContaining({
        Namespace: `api-tokens/${STAGE}`,
        Dimensions: [{ Name: 'service', Value: 'api-tokens' }],
        Statistic: 'Sum',
        Threshold: 0,
      }),
    ]);
    expect(alarmOn('IteratorAge')).toEqual([
      expect.objectContaining({ Dimensions: onFunction('AggregateUsage'), Statistic: 'Maximum', Threshold: 3_600_000 }),
    ]);
  });

  it('emits the metrics under the namespace the alarms read', () => {
    for (const [, fn] of ofType('AWS::Lambda::Function')) {
      expect(fn.Properties.Environment.Variables.POWERTOOLS_METRICS_NAMESPACE).toBe(`api-tokens/${STAGE}`);
    }
  });

  it('alarms on any message in the failure queue and on any DynamoDB throttling of the table', () => {
    expect(alarmOn('ApproximateNumberOfMessagesVisible')).toEqual([
      expect.objectContaining({
        Namespace: 'AWS/SQS',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': ['UsageFailuresQueue', 'QueueName'] } }],
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
      }),
    ]);
    const [throttles] = alarmOn('ReadThrottleEvents+WriteThrottleEvents');
    for (const metric of throttles?.Metrics.filter((m: any) => m.MetricStat) ?? []) {
      expect(metric.MetricStat.Metric).toMatchObject({
        Namespace: 'AWS/DynamoDB',
        Dimensions: [{ Name: 'TableName', Value: { Ref: 'TokensTable' } }],
      });
    }
    expect(throttles?.Metrics.filter((m: any) => m.ReturnData !== false)).toEqual([
      expect.objectContaining({ Expression: 'FILL(reads, 0) + FILL(writes, 0)' }),
    ]);
    expect(throttles).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
  });

  it('notifies the configured topic when an alarm fires and clears, and makes a topic when none is configured', () => {
    const alarms = ofType('AWS::CloudWatch::Alarm');
    expect(alarms).toHaveLength(8);
    const toTopic = [{ 'Fn::If': ['CreateAlarmTopic', { Ref: 'AlarmTopic' }, ALARM_TOPIC_ARN] }];
    for (const [, alarm] of alarms) {
      expect(alarm.Properties).toMatchObject({ AlarmActions: toTopic, OKActions: toTopic });
      expect(alarm.Properties.TreatMissingData).toBe('notBreaching');
    }
    expect(template.Conditions?.CreateAlarmTopic).toEqual({ 'Fn::Equals': [ALARM_TOPIC_ARN, ''] });
    expect(byDefault.Conditions?.CreateAlarmTopic).toEqual({ 'Fn::Equals': ['', ''] });
    expect(byDefault.Resources.AlarmTopic).toMatchObject({ Type: 'AWS::SNS::Topic', Condition: 'CreateAlarmTopic' });
    expect(byDefault.Outputs.AlarmTopicArn?.Value).toEqual({
      'Fn::If': ['CreateAlarmTopic', { Ref: 'AlarmTopic' }, ''],
    });
  });

  it("writes API Gateway's access logs to a log group of the stage, kept as long as the functions' logs", () => {
    expect(resources.ApiGatewayLogGroup).toEqual({
      Type: 'AWS::Logs::LogGroup',
      Properties: { LogGroupName: `/aws/api-gateway/api-tokens-${STAGE}`, RetentionInDays: 30 },
    });
    // serverless applies the format at deploy time; the account's CloudWatch role is managed outside the stack.
    expect(ofType('Custom::ApiGatewayAccountRole')).toEqual([]);
  });
});

/** The one resource of `type` in the host's template. */
const theOne = (type: string) => {
  const found = resourcesOfType(host, type);
  expect(found).toHaveLength(1);
  return found[0]?.[1];
};

const authorizerArnImport = () => ({ 'Fn::ImportValue': template.Outputs.AuthorizerArn?.Export?.Name });

describe('examples/host-api packaged beside the token service', () => {
  it("imports the token service's exported authorizer ARN of the same stage", () => {
    expect(authorizerArnImport()).toEqual({ 'Fn::ImportValue': `api-tokens-${STAGE}-AuthorizerArn` });
    const authorizer = theOne('AWS::ApiGateway::Authorizer');
    expect(JSON.stringify(authorizer?.Properties.AuthorizerUri)).toContain(JSON.stringify(authorizerArnImport()));
  });

  it('runs it as a REQUEST authorizer on the Authorization header with its result cache off', () => {
    expect(theOne('AWS::ApiGateway::Authorizer')?.Properties).toMatchObject({
      Type: 'REQUEST',
      IdentitySource: 'method.request.header.Authorization',
      AuthorizerResultTtlInSeconds: 0,
    });
  });

  it('protects every one of its methods with that authorizer', () => {
    const methods = resourcesOfType(host, 'AWS::ApiGateway::Method');
    expect(methods.map(([, method]) => `${method.Properties.HttpMethod}`).sort()).toEqual([
      'DELETE',
      'GET',
      'GET',
      'GET',
    ]);
    for (const [, method] of methods) {
      expect(method.Properties).toMatchObject({
        AuthorizationType: 'CUSTOM',
        AuthorizerId: { Ref: expect.any(String) },
      });
    }
  });

  it('lets its own two APIs, and only them, invoke the authorizer', () => {
    const permissions = resourcesOfType(host, 'AWS::Lambda::Permission')
      .map(([, permission]) => permission)
      .filter(({ Properties }) => JSON.stringify(Properties.FunctionName) === JSON.stringify(authorizerArnImport()));
    expect(permissions).toHaveLength(2);
    for (const permission of permissions) {
      expect(permission.Properties).toMatchObject({
        Action: 'lambda:InvokeFunction',
        Principal: 'apigateway.amazonaws.com',
      });
    }
    const sources = permissions.map(({ Properties }) => JSON.stringify(Properties.SourceArn));
    expect(sources.filter((source) => source.includes('{"Ref":"ApiGatewayRestApi"}'))).toHaveLength(1);
    expect(sources.filter((source) => source.includes('{"Ref":"HttpApi"}'))).toHaveLength(1);
  });

  it("answers refusals with the token service's gateway responses, the same definition", () => {
    const responses = (template: Template) =>
      Object.fromEntries(
        resourcesOfType(template, 'AWS::ApiGateway::GatewayResponse').map(([name, response]) => [
          name,
          response.Properties,
        ]),
      );
    expect(Object.keys(responses(host))).toHaveLength(Object.keys(gatewayResponses).length);
    expect(responses(host)).toEqual(responses(template));
  });
});

describe("examples/host-api's HTTP API packaged beside the token service", () => {
  it("runs the token service's exported authorizer as a REQUEST authorizer: payload 2.0, simple responses, no cache", () => {
    const authorizer = theOne('AWS::ApiGatewayV2::Authorizer');
    expect(authorizer?.Properties).toMatchObject({
      ApiId: { Ref: 'HttpApi' },
      AuthorizerType: 'REQUEST',
      IdentitySource: ['$request.header.Authorization'],
      EnableSimpleResponses: true,
      AuthorizerPayloadFormatVersion: '2.0',
      AuthorizerResultTtlInSeconds: 0,
    });
    expect(JSON.stringify(authorizer?.Properties.AuthorizerUri)).toContain(JSON.stringify(authorizerArnImport()));
  });

  it('protects every one of its routes with that authorizer', () => {
    const routes = resourcesOfType(host, 'AWS::ApiGatewayV2::Route').map(([, route]) => route.Properties);
    expect(routes.map(({ RouteKey }) => RouteKey).sort()).toEqual([
      'DELETE /http/invoices/{invoiceId}',
      'GET /http/invoices',
      'GET /http/reports',
    ]);
    const [[authorizerId]] = resourcesOfType(host, 'AWS::ApiGatewayV2::Authorizer') as [[string, Resource]];
    for (const route of routes) {
      expect(route).toMatchObject({ AuthorizationType: 'CUSTOM', AuthorizerId: { Ref: authorizerId } });
    }
  });
});
