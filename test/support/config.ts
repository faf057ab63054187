import { parseConfig, type Config } from '../../lib/config';

/** The token settings of a configuration that sets only what it must, plus `env` (TOKEN_* variables). */
export const tokenSettings = (env: Record<string, string> = {}): Config['tokens'] =>
  parseConfig({
    TABLE_NAME: 'unused',
    SESSION_ISSUER: 'issuer',
    SESSION_AUDIENCE: 'audience',
    SESSION_JWKS_URL: 'https://id.example/jwks',
    ...env,
  }).tokens;
