import { join } from 'node:path';
import {
  ofType as resourcesOfType,
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

const ofType = (type: string, from: Template = template): [string, Resource][] => resourcesOfType(from, type);
const statements = (roleName: string): any[] =>
  (resources[roleName]?.Properties.Policies ?? []).flatMap((policy: any) => policy.PolicyDocument.Statement);

const ROOT = join(__dirname, '..', '..', '..');
const STAGE = 'prod';
const SESSION_ENV = {
  SESSION_ISSUER: 'https://id.example.com/',
  SESSION_AUDIENCE: 'api-tokens',
  SESSION_JWKS_URL: 'https://id.example.com/.well-known/jwks.json',
};

// The token service's two packages one after the other: two at once race on its .serverless folder.
const packageTokenService = async (): Promise<[Template, Template]> => {
  const demo = await packageService(ROOT, STAGE, { ...SESSION_ENV, DEMO_ROUTES: 'true' });
  return [demo, await packageService(ROOT, STAGE, SESSION_ENV)];
};

beforeAll(async () => {
  [[template, byDefault], host] = await Promise.all([
    packageTokenService(),
    packageService(join(ROOT, 'examples', 'host-api'), STAGE),
  ]);
  resources = template.Resources;
}, 300_000);

describe('the packaged CloudFormation template by default', () => {
  it('has no demonstration routes: no /v1 method, no whoami or moduleRoute function', () => {
    const methods = ofType('AWS::ApiGateway::Method', byDefault).map(([name]) => name);
    expect(methods.filter((name) => name.startsWith('ApiGatewayMethodV1'))).toEqual([]);
    expect(methods).toHaveLength(7);
    expect(byDefault.Resources.WhoamiLambdaFunction).toBeUndefined();
    expect(byDefault.Resources.ModuleRouteLambdaFunction).toBeUndefined();
    expect(byDefault.Resources.AuthorizeLambdaFunction?.Type).toBe('AWS::Lambda::Function');
    expect(ofType('AWS::Lambda::Function', byDefault)).toHaveLength(9);
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
    expect(methods.length).toBe(10);
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

  it('gives the management functions only the item calls they make, and no Scan', () => {
    const [statement, ...rest] = statements('ManagementRole');
    expect(rest).toEqual([]);
    expect([...statement.Action].sort()).toEqual(
      ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem'].sort(),
    );
    expect(statement.Resource).toEqual({ 'Fn::GetAtt': ['TokensTable', 'Arn'] });
  });

  it('gives functions that need no data no DynamoDB access at all', () => {
    expect(statements('BasicRole')).toEqual([]);
    const roleOf = (fn: string) => resources[`${fn}LambdaFunction`]?.Properties.Role['Fn::GetAtt'][0];
    expect(roleOf('Authorize')).toBe('AuthorizerRole');
    for (const fn of ['Health', 'Openapi', 'ListScopes', 'Whoami', 'ModuleRoute']) expect(roleOf(fn)).toBe('BasicRole');
    for (const fn of ['CreateToken', 'ListTokens', 'RevokeToken', 'TokenUsage'])
      expect(roleOf(fn)).toBe('ManagementRole');
    expect(roleOf('AggregateUsage')).toBe('UsageRole');
  });

  it('runs every function on nodejs22.x with live tokens and no development session key', () => {
    const functions = ofType('AWS::Lambda::Function');
    expect(functions.length).toBe(11);
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
    expect(Object.keys(responses(host))).toHaveLength(7);
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
