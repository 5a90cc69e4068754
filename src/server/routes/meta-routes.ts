import type { OpenApiDocument } from '../openapi/build-openapi.js';
import { ref } from '../openapi/components.js';
import { renderApiDocs } from '../render-api-docs.js';
import type { RouteSpec } from '../route-spec.js';

/** CSP of the docs page: inline styles only, nothing loads, nothing runs. */
export const DOCS_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Health, the OpenAPI document and the human-readable docs rendered from it. */
export function metaRoutes(document: () => OpenApiDocument): RouteSpec[] {
  return [
    {
      method: 'get',
      path: '/health',
      operationId: 'health',
      permission: 'public',
      tag: 'meta',
      summary: 'Liveness (no key needed)',
      responses: { 200: { description: 'The service is up.', schema: ref('Health') } },
      handle() {
        return { body: { status: 'ok', version: document().info.version } };
      },
    },
    {
      method: 'get',
      path: '/openapi.json',
      operationId: 'openapi',
      permission: 'public',
      tag: 'meta',
      summary: 'This OpenAPI 3.1 document',
      responses: { 200: { description: 'The document.', schema: { type: 'object', required: ['openapi'] } } },
      handle() {
        return { body: document() };
      },
    },
    {
      method: 'get',
      path: '/docs',
      operationId: 'docs',
      permission: 'public',
      tag: 'meta',
      summary: 'Human-readable API documentation (self-contained HTML rendered from the OpenAPI document)',
      responses: { 200: { description: 'An HTML page.', content: { 'text/html': { type: 'string' } } } },
      handle() {
        return { html: renderApiDocs(document()), csp: DOCS_CSP };
      },
    },
  ];
}
