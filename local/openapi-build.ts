import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseConfig } from '../lib/config';
import { openApiDocument } from '../lib/openapi/document';

export const OPENAPI_OUT_FILE = 'dist/openapi.json';

// Only the token settings (TOKEN_* in the environment, as serverless.yml passes them) shape the document;
// the table and session settings the parser insists on do not, so stand-ins satisfy it.
const BUILD_ENV = {
  TABLE_NAME: 'openapi-build',
  SESSION_ISSUER: 'openapi-build',
  SESSION_AUDIENCE: 'openapi-build',
  SESSION_JWKS_URL: 'https://openapi-build.invalid/jwks.json',
};

/** Writes the OpenAPI document for the token settings in `env` to `file`. */
export const buildOpenApi = (env: Record<string, string | undefined> = process.env, file = OPENAPI_OUT_FILE): void => {
  const tokenEnv = Object.fromEntries(Object.entries(env).filter(([name]) => name.startsWith('TOKEN_')));
  const document = openApiDocument(parseConfig({ ...BUILD_ENV, ...tokenEnv }).tokens);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
};

if (require.main === module) {
  buildOpenApi(process.env, process.argv[2]);
  console.log(`OpenAPI document written to ${process.argv[2] ?? OPENAPI_OUT_FILE}`);
}
