import { parseStageThrottling, throttleStage } from '../../../infra/stage-throttling';

describe('parseStageThrottling', () => {
  it('reads the rate and burst as numbers, as serverless.yml hands them over in strings', () => {
    expect(parseStageThrottling({ rateLimit: '100', burstLimit: '200' })).toEqual({ rateLimit: 100, burstLimit: 200 });
    expect(parseStageThrottling({ rateLimit: 2.5, burstLimit: 5 })).toEqual({ rateLimit: 2.5, burstLimit: 5 });
  });

  it.each([
    [{ rateLimit: '', burstLimit: '200' }, 'rateLimit'],
    [{ rateLimit: '100', burstLimit: '0' }, 'burstLimit'],
    [{ rateLimit: 'fast', burstLimit: '200' }, 'rateLimit'],
    [{ rateLimit: '100', burstLimit: '2.5' }, 'burstLimit'],
    [undefined, 'rateLimit'],
  ])('fails packaging with a clear message for %j', (value, name) => {
    expect(() => parseStageThrottling(value)).toThrow(`custom.stageThrottling.${name}`);
  });
});

describe('throttleStage', () => {
  it('throttles every method of the stage the deployment creates, keeping its other properties', () => {
    const resources = {
      ApiGatewayDeployment1: { Type: 'AWS::ApiGateway::Deployment', Properties: { StageName: 'prod' } },
      TokensTable: { Type: 'AWS::DynamoDB::Table', Properties: {} },
    };
    throttleStage(resources, { rateLimit: 10, burstLimit: 20 });
    expect(resources.ApiGatewayDeployment1.Properties).toEqual({
      StageName: 'prod',
      StageDescription: {
        MethodSettings: [{ ResourcePath: '/*', HttpMethod: '*', ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 }],
      },
    });
    expect(resources.TokensTable.Properties).toEqual({});
  });

  it('fails when there is no deployment to throttle', () => {
    expect(() => throttleStage({}, { rateLimit: 10, burstLimit: 20 })).toThrow('no API Gateway deployment');
  });
});
