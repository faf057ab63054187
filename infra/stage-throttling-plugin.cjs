// A local serverless plugin: throttles the REST API's stage (infra/stage-throttling.ts, loaded through tsx as
// gateway-responses.cjs does) once API Gateway's resources are compiled, from custom.stageThrottling.
class StageThrottling {
  constructor(serverless) {
    this.hooks = {
      'after:package:compileEvents': () => {
        const unregister = require('tsx/cjs/api').register();
        try {
          const { parseStageThrottling, throttleStage } = require('./stage-throttling.ts');
          const settings = parseStageThrottling(serverless.service.custom.stageThrottling);
          throttleStage(serverless.service.provider.compiledCloudFormationTemplate.Resources, settings);
        } finally {
          unregister();
        }
      },
    };
  }
}

module.exports = StageThrottling;
