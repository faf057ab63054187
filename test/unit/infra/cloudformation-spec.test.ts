import { specProblems, type CloudFormationTemplate } from '../../support/cloudformation-spec';

/** A table and a role that reads it: valid as it stands, mutated by each test. */
const valid = (): { Resources: Record<string, any>; Outputs: Record<string, any> } => ({
  Resources: {
    Table: {
      Type: 'AWS::DynamoDB::Table',
      DeletionPolicy: 'Retain',
      Properties: {
        BillingMode: 'PAY_PER_REQUEST',
        DeletionProtectionEnabled: true,
        AttributeDefinitions: [{ AttributeName: 'PK', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }],
        StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
        Tags: [{ Key: 'team', Value: 'platform' }],
      },
    },
    Role: {
      Type: 'AWS::IAM::Role',
      DependsOn: 'Table',
      Properties: {
        AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [] },
        Policies: [
          {
            PolicyName: 'read',
            PolicyDocument: { Statement: [{ Effect: 'Allow', Resource: { 'Fn::GetAtt': ['Table', 'StreamArn'] } }] },
          },
        ],
      },
    },
  },
  Outputs: {
    TableArn: { Value: { 'Fn::Sub': 'arn:${AWS::Partition}:${Table.Arn}/${Role}' } },
  },
});

const problemsAfter = (mutate: (template: ReturnType<typeof valid>) => void): string[] => {
  const template = valid();
  mutate(template);
  return specProblems(template as CloudFormationTemplate);
};

describe('specProblems, against the CloudFormation resource specification', () => {
  it('finds nothing wrong in a valid template', () => {
    expect(problemsAfter(() => {})).toEqual([]);
  });

  it('refuses an unknown resource type', () => {
    expect(problemsAfter((t) => (t.Resources.Table.Type = 'AWS::DynamoDB::Tabel'))).toContain(
      'Resources.Table: unknown resource type AWS::DynamoDB::Tabel',
    );
  });

  it('refuses a misspelt property at the top, in a nested type and in an array element', () => {
    expect(problemsAfter((t) => (t.Resources.Table.Properties.DeletionProtection = true))).toEqual([
      'Resources.Table.Properties.DeletionProtection: no such property',
    ]);
    expect(problemsAfter((t) => (t.Resources.Table.Properties.StreamSpecification.StreamViewTyp = 'X'))).toContain(
      'Resources.Table.Properties.StreamSpecification.StreamViewTyp: no such property',
    );
    expect(problemsAfter((t) => (t.Resources.Table.Properties.KeySchema[0].Keytype = 'HASH'))).toContain(
      'Resources.Table.Properties.KeySchema[0].Keytype: no such property',
    );
    expect(problemsAfter((t) => (t.Resources.Role.Properties.Policies[0].PolicyNme = 'x'))).toContain(
      'Resources.Role.Properties.Policies[0].PolicyNme: no such property',
    );
  });

  it('refuses a misspelt resource attribute such as DeletionPolicy', () => {
    expect(problemsAfter((t) => (t.Resources.Table.DeletionPolcy = 'Retain'))).toEqual([
      'Resources.Table.DeletionPolcy: not a resource attribute',
    ]);
  });

  it('refuses a missing required property, at the top and nested', () => {
    expect(problemsAfter((t) => delete t.Resources.Table.Properties.KeySchema)).toEqual([
      'Resources.Table.Properties.KeySchema: required, missing',
    ]);
    expect(problemsAfter((t) => delete t.Resources.Table.Properties.KeySchema[0].KeyType)).toEqual([
      'Resources.Table.Properties.KeySchema[0].KeyType: required, missing',
    ]);
    expect(problemsAfter((t) => delete t.Resources.Table.Properties.Tags[0].Value)).toEqual([
      'Resources.Table.Properties.Tags[0].Value: required, missing',
    ]);
  });

  it('refuses a value of the wrong shape', () => {
    expect(problemsAfter((t) => (t.Resources.Table.Properties.BillingMode = { mode: 'PAY_PER_REQUEST' }))).toEqual([
      'Resources.Table.Properties.BillingMode: expected a string',
    ]);
    expect(problemsAfter((t) => (t.Resources.Table.Properties.DeletionProtectionEnabled = 'yes'))).toEqual([
      'Resources.Table.Properties.DeletionProtectionEnabled: expected a boolean',
    ]);
  });

  it('refuses Fn::GetAtt of an attribute the type does not have, or of no resource', () => {
    const statement = (t: ReturnType<typeof valid>) =>
      t.Resources.Role.Properties.Policies[0].PolicyDocument.Statement[0];
    expect(problemsAfter((t) => (statement(t).Resource = { 'Fn::GetAtt': ['Table', 'StreamArm'] }))).toEqual([
      expect.stringContaining('AWS::DynamoDB::Table has no attribute StreamArm'),
    ]);
    expect(problemsAfter((t) => (statement(t).Resource = { 'Fn::GetAtt': 'Tabel.Arn' }))).toEqual([
      expect.stringContaining('Fn::GetAtt of no resource Tabel'),
    ]);
  });

  it('refuses references in Fn::Sub, Ref and DependsOn to what the template does not have', () => {
    expect(problemsAfter((t) => (t.Outputs.TableArn.Value['Fn::Sub'] = '${Table.Arm}'))).toEqual([
      expect.stringContaining('AWS::DynamoDB::Table has no attribute Arm'),
    ]);
    expect(problemsAfter((t) => (t.Outputs.TableArn.Value = { Ref: 'Rol' }))).toEqual([
      'Outputs.TableArn.Value.Ref: Ref to no resource Rol',
    ]);
    expect(problemsAfter((t) => (t.Resources.Role.DependsOn = ['Tabel']))).toEqual([
      'Resources.Role.DependsOn: no resource Tabel',
    ]);
  });
});
