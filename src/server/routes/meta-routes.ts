import { existsSync } from 'node:fs';
import { OpsledgerError } from '../../errors/opsledger-error.js';
import type { OpenApiDocument } from '../openapi/build-openapi.js';
import { ref } from '../openapi/components.js';
import { BUNDLE_CSP, DOCS_CSP, REDOC_BUNDLE, renderDocsPage } from '../render-docs-page.js';
import type { RouteSpec } from '../route-spec.js';

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
      async handle(ctx) {
        const body = { status: 'ok', version: document().info.version };
        // On PostgreSQL: whether this instance reaches the database and the schema version it is at.
        return {
          body: ctx.deps.databaseHealth ? { ...body, database: await ctx.deps.databaseHealth() } : body,
        };
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
      summary: 'Human-readable API documentation (Redoc, served by this server: no CDN)',
      responses: { 200: { description: 'An HTML page.', content: { 'text/html': { type: 'string' } } } },
      handle() {
        return { html: renderDocsPage(document().info.title), csp: DOCS_CSP };
      },
    },
    {
      method: 'get',
      path: '/docs/redoc.standalone.js',
      operationId: 'docsScript',
      permission: 'public',
      tag: 'meta',
      summary: "Redoc's standalone bundle, which the docs page runs",
      description:
        'The copy of Redoc shipped in the package (dist/assets/). Cached for a year: the docs page names it with `?v=` and the opsledger version.',
      query: {
        v: {
          schema: { type: 'string', maxLength: 64 },
          description: 'The opsledger version (a cache key; any value gets the same file).',
        },
      },
      responses: {
        200: {
          description: 'JavaScript.',
          content: { 'text/javascript': { type: 'string' } },
          headers: {
            'Cache-Control': {
              description: 'public, max-age=31536000, immutable',
              schema: { type: 'string' },
            },
          },
        },
        404: {
          description: 'The bundle is missing (a build without `npm run build`).',
          schema: ref('Error'),
        },
      },
      handle() {
        if (!existsSync(REDOC_BUNDLE)) {
          throw new OpsledgerError('NOT_FOUND', 'the Redoc bundle is missing from dist/assets/', {
            hint: 'Build the package with `npm run build`, which copies it there.',
          });
        }
        return {
          file: REDOC_BUNDLE,
          contentType: 'text/javascript; charset=utf-8',
          csp: BUNDLE_CSP,
          cacheControl: 'public, max-age=31536000, immutable',
        };
      },
    },
  ];
}
