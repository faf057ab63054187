// Stage-wide throttling of the REST API. osls has no setting for it (its stage options are applied through the
// SDK after deploy), so infra/stage-throttling-plugin.cjs adds it to the Deployment that creates the stage.

export interface StageThrottling {
  /** Steady-state requests per second, across all clients of the stage. */
  rateLimit: number;
  /** Requests API Gateway lets through at once before throttling. */
  burstLimit: number;
}

/** The throttling settings of serverless.yml's `custom.stageThrottling`, checked. */
export const parseStageThrottling = (value: unknown): StageThrottling => {
  const settings = (value ?? {}) as Record<string, unknown>;
  const number = (name: keyof StageThrottling): number => {
    const parsed = Number(settings[name]);
    if (!Number.isFinite(parsed) || parsed <= 0 || String(settings[name]).trim() === '')
      throw new Error(
        `custom.stageThrottling.${name} must be a positive number, not ${JSON.stringify(settings[name])}`,
      );
    return parsed;
  };
  const throttling = { rateLimit: number('rateLimit'), burstLimit: number('burstLimit') };
  if (!Number.isInteger(throttling.burstLimit)) throw new Error('custom.stageThrottling.burstLimit must be an integer');
  return throttling;
};

interface Resource {
  Type: string;
  Properties?: Record<string, unknown>;
}

/** `resources` with every method of the stage that each API Gateway Deployment creates throttled to `throttling`. */
export const throttleStage = (resources: Record<string, Resource>, throttling: StageThrottling): void => {
  const deployments = Object.values(resources).filter((resource) => resource.Type === 'AWS::ApiGateway::Deployment');
  if (deployments.length === 0) throw new Error('stage throttling: the template has no API Gateway deployment');
  for (const deployment of deployments) {
    const properties = (deployment.Properties ??= {});
    properties.StageDescription = {
      ...(properties.StageDescription as Record<string, unknown> | undefined),
      MethodSettings: [
        {
          ResourcePath: '/*',
          HttpMethod: '*',
          ThrottlingRateLimit: throttling.rateLimit,
          ThrottlingBurstLimit: throttling.burstLimit,
        },
      ],
    };
  }
};
