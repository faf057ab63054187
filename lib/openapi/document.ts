import * as z from 'zod';
import { version } from '../../package.json';
import type { Config } from '../config';
import { ERRORS, type ErrorCode } from '../contract';
import { createTokenSchema } from '../tokens/schemas';
import { OPERATIONS, type Credential, type OperationSpec } from './operations';
import { REQUEST_SCHEMAS, RESPONSE_SCHEMAS } from './schemas';
import type { JsonSchema, OpenApiDocument, Operation, Parameter, ResponseObject, SecurityScheme } from './types';

const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

// Each schema becomes a member of `components.schemas`: the dialect and id zod writes are the document's own.
const asComponent = ({ $schema: _dialect, $id: _id, ...schema }: JsonSchema): JsonSchema => schema;

/** The response bodies, one component each, referring to one another by `$ref`. */
const responseComponents = (): Record<string, JsonSchema> => {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(RESPONSE_SCHEMAS)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}` });
  return Object.fromEntries(Object.entries(schemas).map(([id, schema]) => [id, asComponent(schema)]));
};

/** The request bodies other than the create body, as their handlers validate them. */
const requestComponents = (): Record<string, JsonSchema> =>
  Object.fromEntries(
    Object.entries(REQUEST_SCHEMAS).map(([id, schema]) => [id, asComponent(z.toJSONSchema(schema, { io: 'input' }))]),
  );

const OPENAPI_DOCUMENT_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    openapi: { type: 'string', pattern: '^3\\.1\\.\\d+$' },
    info: { type: 'object' },
    paths: { type: 'object' },
  },
  required: ['openapi', 'info', 'paths'],
};

const SECURITY: Record<Credential, Record<string, string[]>[]> = {
  none: [],
  session: [{ sessionJwt: [] }],
  apiToken: [{ apiToken: [] }],
};

const TAGS: Record<Credential, string> = { none: 'public', session: 'management', apiToken: 'protected' };

const securitySchemes = (settings: Config['tokens']): Record<string, SecurityScheme> => ({
  sessionJwt: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      "A session JWT from the host application's identity provider (its issuer, audience and keys are configuration); `sub` is the user. Never an API token.",
  },
  apiToken: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: `${settings.prefix}_${settings.environment}_<secret><checksum>`,
    description: 'An API token from `POST /tokens`, checked by the Lambda authorizer. Never a session JWT.',
  },
});

const json = (schema: JsonSchema) => ({ 'application/json': { schema } });

const RETRY_AFTER = {
  'Retry-After': { description: 'Seconds until the caller may try again', schema: { type: 'integer', minimum: 1 } },
} as const satisfies ResponseObject['headers'];

/** The error answers of a route, one per status, each naming the codes it can carry. */
const errorResponses = (codes: readonly ErrorCode[]): Record<string, ResponseObject> => {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) byStatus.set(ERRORS[code].status, [...(byStatus.get(ERRORS[code].status) ?? []), code]);
  return Object.fromEntries(
    [...byStatus].map(([status, sameStatus]) => [
      String(status),
      {
        description: sameStatus.map((code) => `\`${code}\``).join(', '),
        ...(sameStatus.includes('rate_limited') ? { headers: RETRY_AFTER } : {}),
        content: json({ allOf: [ref('ErrorBody'), { type: 'object', properties: { code: { enum: sameStatus } } }] }),
      },
    ]),
  );
};

const pathParameters = (path: string, settings: Config['tokens']): Parameter[] => {
  const parameters: Parameter[] = [];
  if (path.includes('{id}'))
    parameters.push({
      name: 'id',
      in: 'path',
      required: true,
      description: 'The id of a token',
      schema: { type: 'string' },
    });
  if (path.includes('{module}'))
    parameters.push({
      name: 'module',
      in: 'path',
      required: true,
      description: `A configured module (${settings.modules.join(', ')}); any other answers 404 once the token is accepted`,
      schema: { type: 'string', examples: [...settings.modules] },
    });
  return parameters;
};

const operation = (spec: OperationSpec, settings: Config['tokens']): Operation => {
  const { success } = spec;
  const body = success.body === 'OpenApiDocument' ? OPENAPI_DOCUMENT_SCHEMA : success.body && ref(success.body);
  const parameters = [...pathParameters(spec.path, settings), ...(spec.query ?? [])];
  return {
    operationId: spec.operationId,
    summary: spec.summary,
    tags: [TAGS[spec.credential]],
    security: SECURITY[spec.credential],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(spec.createTokenBody ? { requestBody: { required: true, content: json(ref('CreateTokenRequest')) } } : {}),
    ...(spec.requestBody ? { requestBody: { required: true, content: json(ref(spec.requestBody)) } } : {}),
    responses: {
      [String(success.status)]: {
        description: success.description,
        ...(body === undefined ? {} : { content: json(body) }),
      },
      ...errorResponses(spec.errors),
    },
  };
};

/**
 * The OpenAPI 3.1 document of the service under `settings`: generated from the zod schemas of the
 * response bodies, the create schema the handler validates with, and the contract's error table.
 *
 * @example
 * export const handler = httpHandler(async () => ok(openApiDocument(processConfig().tokens)));
 */
export const openApiDocument = (settings: Config['tokens']): OpenApiDocument => {
  // The clock only feeds refinements, which JSON Schema cannot express: any instant gives the same document.
  const createBody = z.toJSONSchema(createTokenSchema(settings, new Date()), { io: 'input' });
  const paths: OpenApiDocument['paths'] = {};
  for (const spec of OPERATIONS) paths[spec.path] = { ...paths[spec.path], [spec.method]: operation(spec, settings) };
  return {
    openapi: '3.1.0',
    info: {
      title: 'API tokens',
      version,
      description:
        'Scoped API tokens for a host application: the management routes its signed-in users call, and the errors of the routes the token authorizer protects.',
    },
    // Relative to where this document is served, so that it holds for every stage and host.
    servers: [{ url: '.', description: 'The API that serves this document' }],
    tags: [
      { name: 'public', description: 'No credential' },
      { name: 'management', description: 'Session JWT of the host application' },
      { name: 'protected', description: 'API token' },
    ],
    paths,
    components: {
      schemas: { ...responseComponents(), ...requestComponents(), CreateTokenRequest: asComponent(createBody) },
      securitySchemes: securitySchemes(settings),
    },
  };
};
