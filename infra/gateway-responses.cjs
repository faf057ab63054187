// serverless.yml's ${file()} loads CommonJS only: this loads the TypeScript definitions through tsx.
module.exports = require('tsx/cjs/api').require('./gateway-responses.ts', __filename);
