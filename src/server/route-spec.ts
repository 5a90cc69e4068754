import type { IncomingHttpHeaders } from 'node:http';
import type { ApiKeyRecord } from '../access/key-store.js';
import type { RoutePermission } from '../access/decide-access.js';
import type { Principal } from '../access/resolve-principal.js';
import type { ServerDeps } from './server-deps.js';

/** A JSON Schema (2020-12, the dialect of OpenAPI 3.1). */
export type JsonSchema = Record<string, unknown>;

export interface ParamSpec {
  schema: JsonSchema;
  description: string;
  required?: boolean;
}

export interface ResponseSpec {
  description: string;
  /** Schema of the JSON body (application/json). */
  schema?: JsonSchema;
  /** Schema of each line when the route streams application/x-ndjson. */
  ndjsonItem?: JsonSchema;
  /** Another content type (e.g. text/html) with its schema. */
  content?: Record<string, JsonSchema>;
  headers?: Record<string, { description: string; schema: JsonSchema }>;
}

/** What a handler gets: validated input, who is asking, and the ports. */
export interface RouteContext {
  deps: ServerDeps;
  principal: Principal | null;
  key: ApiKeyRecord | null;
  params: Record<string, string>;
  /** Query parameters after validation and type coercion (unknown ones were refused). */
  query: Record<string, unknown>;
  body: unknown;
  headers: IncomingHttpHeaders;
  /** The client asked for `Accept: application/x-ndjson` (only on routes that offer it). */
  ndjson: boolean;
  requestId: string;
}

/** What a handler returns; the app writes it (handlers never touch the response). */
export type Reply =
  | { status?: number; body: unknown; headers?: Record<string, string>; count?: number | null }
  | { ndjson: AsyncIterable<unknown> }
  | { html: string; csp?: string }
  | { file: string; contentType: string; csp: string; cacheControl?: string };

/**
 * One route: its place, the ONE permission it needs (checked before the handler by `decideAccess`), its OpenAPI
 * description (the document and request validation are built from it), and its handler.
 */
export interface RouteSpec {
  method: 'get' | 'post' | 'delete';
  /** OpenAPI path under `mount` (`/actions/{id}`); a trailing `{path}` with `wildcard` matches the rest. */
  path: string;
  mount?: '/api/v1' | '/';
  wildcard?: boolean;
  operationId: string;
  permission: RoutePermission;
  tag: string;
  summary: string;
  description?: string;
  params?: Record<string, ParamSpec>;
  query?: Record<string, ParamSpec>;
  headers?: Record<string, ParamSpec>;
  /** The JSON body; `optional` when an empty body means `{}`. */
  body?: { schema: JsonSchema; description: string; optional?: boolean };
  responses: Record<number, ResponseSpec>;
  /** Reads of audit or execution data are written to the access log. */
  accessLog?: boolean;
  /** The route streams every match as NDJSON when asked. */
  ndjson?: boolean;
  handle(ctx: RouteContext): Promise<Reply> | Reply;
}

export const API_BASE = '/api/v1';

/** The full OpenAPI path of a route (`/api/v1/actions/{id}`). */
export function fullPath(spec: Pick<RouteSpec, 'mount' | 'path'>): string {
  return (spec.mount ?? API_BASE) === '/' ? spec.path : `${API_BASE}${spec.path}`;
}

/** Express 5 path syntax for a route (`/api/v1/actions/:id`, `/reports/*path`). */
export function expressPath(spec: Pick<RouteSpec, 'mount' | 'path' | 'wildcard'>): string {
  const p = fullPath(spec);
  if (spec.wildcard) return p.replace(/\{(\w+)\}$/, '*$1');
  return p.replace(/\{(\w+)\}/g, ':$1');
}

/** Shared query parameters of list routes. */
export const LIST_QUERY: Record<string, ParamSpec> = {
  limit: {
    schema: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
    description: 'Items per page (at most 500).',
  },
  cursor: {
    schema: { type: 'string', minLength: 1, maxLength: 2000 },
    description: 'The `next_cursor` of the previous page (opaque).',
  },
};

export const ID_PARAM: ParamSpec = {
  schema: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,62}$' },
  description: 'Definition id (CONTRACTS.md §2).',
  required: true,
};
