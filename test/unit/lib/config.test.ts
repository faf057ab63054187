import { parseConfig } from '../../../lib/config';

const base = { TABLE_NAME: 't', SESSION_ISSUER: 'i', SESSION_AUDIENCE: 'a' };

describe('parseConfig', () => {
  it('defaults to the mp prefix, the three modules and no maximum lifetime', () => {
    const config = parseConfig({ ...base, SESSION_JWKS_URL: 'https://id.example/jwks' });
    expect(config.tokens).toMatchObject({
      prefix: 'mp',
      modules: ['applicants', 'cases', 'invoices'],
      maxLifetimeDays: undefined,
    });
  });

  it('reads modules and the maximum lifetime', () => {
    const config = parseConfig({
      ...base,
      SESSION_JWKS_URL: 'https://id.example/jwks',
      TOKEN_MODULES: 'patients, billing',
      TOKEN_MAX_LIFETIME_DAYS: '365',
    });
    expect(config.tokens.modules).toEqual(['patients', 'billing']);
    expect(config.tokens.maxLifetimeDays).toBe(365);
  });

  it('limits token creation to 20 per user an hour by default, and reads another limit', () => {
    const jwks = { SESSION_JWKS_URL: 'https://id.example/jwks' };
    expect(parseConfig({ ...base, ...jwks }).tokens.createRate).toEqual({ max: 20, windowSeconds: 3600 });
    const configured = parseConfig({
      ...base,
      ...jwks,
      TOKEN_CREATE_RATE_LIMIT: '5',
      TOKEN_CREATE_RATE_WINDOW_SECONDS: '60',
    });
    expect(configured.tokens.createRate).toEqual({ max: 5, windowSeconds: 60 });
    expect(() => parseConfig({ ...base, ...jwks, TOKEN_CREATE_RATE_LIMIT: '0' })).toThrow('TOKEN_CREATE_RATE_LIMIT');
  });

  it('refuses the development session key on any stage but local', () => {
    expect(() => parseConfig({ ...base, STAGE: 'prod', SESSION_DEV_KEY_FILE: '.local/key.json' })).toThrow(
      'only allowed on the local stage',
    );
    expect(parseConfig({ ...base, STAGE: 'local', SESSION_DEV_KEY_FILE: '.local/key.json' }).session.devKeyFile).toBe(
      '.local/key.json',
    );
  });

  it('limits sessions to 24 hours unless SESSION_MAX_AGE_SECONDS says otherwise, and refuses a bad value', () => {
    const env = { ...base, SESSION_JWKS_URL: 'https://id.example/jwks' };
    expect(parseConfig(env).session.maxAgeSeconds).toBe(86_400);
    expect(parseConfig({ ...env, SESSION_MAX_AGE_SECONDS: '43200' }).session.maxAgeSeconds).toBe(43_200);
    expect(() => parseConfig({ ...env, SESSION_MAX_AGE_SECONDS: '0' })).toThrow('SESSION_MAX_AGE_SECONDS');
    expect(() => parseConfig({ ...env, SESSION_MAX_AGE_SECONDS: '1.5' })).toThrow('SESSION_MAX_AGE_SECONDS');
  });

  it('needs exactly one source of session keys', () => {
    expect(() => parseConfig(base)).toThrow('exactly one');
    expect(() =>
      parseConfig({ ...base, STAGE: 'local', SESSION_JWKS_URL: 'https://id.example/jwks', SESSION_DEV_KEY_FILE: 'k' }),
    ).toThrow('exactly one');
  });

  it('refuses a bad prefix, environment or module list', () => {
    const ok = { ...base, SESSION_JWKS_URL: 'https://id.example/jwks' };
    expect(() => parseConfig({ ...ok, TOKEN_PREFIX: 'Bad_Prefix' })).toThrow('TOKEN_PREFIX');
    expect(() => parseConfig({ ...ok, TOKEN_ENVIRONMENT: 'prod' })).toThrow('TOKEN_ENVIRONMENT');
    expect(() => parseConfig({ ...ok, TOKEN_MODULES: ' , ' })).toThrow('TOKEN_MODULES');
  });

  it('reads the route policy of infra/route-policy.json unless given another', () => {
    const env = { ...base, SESSION_JWKS_URL: 'https://id.example/jwks' };
    expect([...parseConfig(env).routes.rules.keys()]).toEqual(['GET /v1/whoami', 'ANY /v1/{module}']);
    expect([...parseConfig(env, { routes: { 'GET /reports': 'cases' } }).routes.rules.keys()]).toEqual([
      'GET /reports',
    ]);
  });

  it('refuses a route policy naming a module that TOKEN_MODULES does not configure', () => {
    const env = { ...base, SESSION_JWKS_URL: 'https://id.example/jwks', TOKEN_MODULES: 'patients' };
    expect(() => parseConfig(env, { routes: { 'GET /cases': 'cases:read' } })).toThrow(
      'Invalid route policy: "GET /cases": unknown module "cases" (configured: patients)',
    );
  });
});
