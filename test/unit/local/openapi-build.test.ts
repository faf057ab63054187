import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApiDocument } from '../../../lib/openapi/document';
import { buildOpenApi } from '../../../local/openapi-build';
import { tokenSettings } from '../../support/config';

const dir = mkdtempSync(join(tmpdir(), 'openapi-build-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run build:openapi', () => {
  it('writes the document for the token settings of the environment, and nothing else of it', () => {
    const file = join(dir, 'nested', 'openapi.json');
    const env = { TOKEN_MODULES: 'payroll', TOKEN_ENVIRONMENT: 'live', TABLE_NAME: 'ignored' };
    buildOpenApi(env, file);
    const written = JSON.parse(readFileSync(file, 'utf8'));
    expect(written).toEqual(openApiDocument(tokenSettings({ TOKEN_MODULES: 'payroll', TOKEN_ENVIRONMENT: 'live' })));
    expect(written.components.securitySchemes.apiToken.bearerFormat).toMatch(/^mp_live_/);
  });
});
