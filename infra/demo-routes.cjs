// The demonstration routes, /v1/whoami and /v1/{module}: part of serverless.yml's `functions` only where
// the demoRoutes param is true (the local stage, where the tests use them); off on deployed stages by default.
module.exports = async ({ resolveVariable }) => {
  if (String(await resolveVariable('param:demoRoutes')) !== 'true') return {};
  const authorizer = await resolveVariable('self:custom.tokenAuthorizer');
  const route = (path, method) => ({ http: { path, method, authorizer } });
  return {
    whoami: { handler: 'functions/whoami.handler', role: 'BasicRole', events: [route('v1/whoami', 'get')] },
    moduleRoute: {
      handler: 'functions/moduleRoute.handler',
      role: 'BasicRole',
      events: [route('v1/{module}', 'get'), route('v1/{module}', 'post')],
    },
  };
};
