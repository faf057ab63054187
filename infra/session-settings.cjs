// The session settings of a deployed stage, checked when serverless.yml is resolved: without them every
// management call would answer 500. The local stage signs its own sessions (infra/local.json) and needs none.
const { URL } = require('node:url');

const REQUIRED = ['SESSION_ISSUER', 'SESSION_AUDIENCE', 'SESSION_JWKS_URL'];

const isHttpsUrl = (value) => URL.canParse(value) && new URL(value).protocol === 'https:';

module.exports = async ({ resolveVariable }) => {
  const stage = String(await resolveVariable('sls:stage'));
  if (stage === 'local') return { issuer: '', audience: '', jwksUrl: '' };
  const missing = REQUIRED.filter((name) => (process.env[name] ?? '') === '');
  if (missing.length > 0) {
    throw new Error(`Stage "${stage}" needs the session settings ${missing.join(', ')}: set them in the environment`);
  }
  if (!isHttpsUrl(process.env.SESSION_JWKS_URL)) {
    throw new Error(`Stage "${stage}": SESSION_JWKS_URL must be an https URL, not "${process.env.SESSION_JWKS_URL}"`);
  }
  return {
    issuer: process.env.SESSION_ISSUER,
    audience: process.env.SESSION_AUDIENCE,
    jwksUrl: process.env.SESSION_JWKS_URL,
  };
};
