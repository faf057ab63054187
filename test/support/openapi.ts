import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import type { OpenApiDocument } from '../../lib/openapi/types';
import type { Reply } from './http';

const pointerSegment = (segment: string): string => segment.replace(/~/g, '~0').replace(/\//g, '~1');

/** The value a local `$ref` (`#/a/b`) names in `root`, or undefined. */
export const resolveRef = (root: unknown, ref: string): unknown =>
  ref
    .replace(/^#\/?/, '')
    .split('/')
    .filter((segment) => segment.length > 0)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>(
      (node, segment) =>
        node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[segment] : undefined,
      root,
    );

/** Every documented answer as `METHOD path status code` (no code on success), for checking what a test covered. */
export const documentedAnswers = (document: OpenApiDocument): string[] =>
  Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).flatMap(([method, operation]) =>
      Object.entries(operation.responses).flatMap(([status, response]) => {
        const schema = response.content?.['application/json'].schema;
        const codes = (resolveRef(schema, '#/allOf/1/properties/code/enum') as string[] | undefined) ?? [''];
        return codes.map((code) => `${method.toUpperCase()} ${path} ${status} ${code}`.trim());
      }),
    ),
  );

/**
 * A strict JSON Schema 2020-12 validator holding the document as `openapi.json`, so that its schemas
 * compile by reference (`openapi.json#/components/schemas/TokenView`) with their `$ref`s resolved.
 */
export const documentSchemas = (document: OpenApiDocument): Ajv2020 => {
  // Formats are left to the schemas' patterns; union types (`["string", "null"]`) are plain 2020-12.
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true, validateFormats: false });
  // The document's own keywords are not JSON Schema; declaring them keeps ajv strict about everything else.
  ajv.addVocabulary(Object.keys(document));
  ajv.addSchema(document, 'openapi.json');
  return ajv;
};

/**
 * Checks replies against the document with a JSON Schema 2020-12 validator: the problems with `reply`
 * as an answer of `method` on the documented `path` (a template such as `/tokens/{id}`), none when it fits.
 */
export const replyChecker = (document: OpenApiDocument) => {
  const ajv = documentSchemas(document);
  const validators = new Map<string, ValidateFunction>();
  return (method: string, path: string, reply: Reply): string[] => {
    const where = `${method} ${path} ${reply.status}`;
    const operation = document.paths[path]?.[method.toLowerCase() as 'get'];
    if (operation === undefined) return [`${method} ${path} is not in the document`];
    const response = operation.responses[String(reply.status)];
    if (response === undefined) return [`${where} is not in the document: ${JSON.stringify(reply.body)}`];
    if (response.content === undefined)
      return reply.body === null ? [] : [`${where} documents no body, got ${JSON.stringify(reply.body)}`];
    if (!/^application\/json/.test(reply.headers.get('content-type') ?? ''))
      return [`${where} answered ${reply.headers.get('content-type')}, not application/json`];
    const pointer = ['paths', path, method.toLowerCase(), 'responses', String(reply.status), 'content']
      .map(pointerSegment)
      .join('/');
    const ref = `openapi.json#/${pointer}/application~1json/schema`;
    const validate = validators.get(ref) ?? ajv.compile({ $ref: ref });
    validators.set(ref, validate);
    if (validate(reply.body)) return [];
    return (validate.errors ?? []).map((error) => `${where}: ${error.instancePath || 'body'} ${error.message}`);
  };
};
