import { httpHandler } from '../gateway/http';
import { processConfig, type Config } from '../lib/config';
import { ok } from '../lib/http/response';
import { openApiDocument } from '../lib/openapi/document';
import type { OpenApiDocument } from '../lib/openapi/types';

/** `GET /openapi.json`: the document for this process's configuration, built on first use. */
export const openApiHandler = (config: () => Config) => {
  let document: OpenApiDocument | undefined;
  return httpHandler(async () => ok((document ??= openApiDocument(config().tokens))));
};

export const handler = openApiHandler(processConfig);
