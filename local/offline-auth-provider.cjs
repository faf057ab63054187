// serverless-offline loads its customAuthenticationProvider with require(): this loads the TypeScript one through tsx.
// tsx is registered for this one require rather than namespaced (tsx's require API): a namespaced load makes a
// second, partial copy of packages serverless has loaded already (js-yaml), whose instanceof checks then fail.
const unregister = require('tsx/cjs/api').register();
module.exports = require('./offline-auth-provider.ts').authenticationProvider;
unregister();
