// serverless.yml's ${file()} loads CommonJS only: this loads the TypeScript definitions through tsx,
// registered for this one require (see local/offline-auth-provider.cjs for why not tsx's namespaced require).
const unregister = require('tsx/cjs/api').register();
module.exports = require('./gateway-responses.ts');
unregister();
