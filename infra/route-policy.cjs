// serverless.yml's ${file()} loads CommonJS only: this checks infra/route-policy.json with the TypeScript
// the authorizer runs (through tsx, as gateway-responses.cjs does), so a bad rule stops package and npm start.
module.exports = async ({ resolveVariable }) => {
  const modules = await resolveVariable('self:provider.environment.TOKEN_MODULES');
  const unregister = require('tsx/cjs/api').register();
  try {
    return require('./route-policy.ts').checkRoutePolicy(String(modules));
  } finally {
    unregister();
  }
};
