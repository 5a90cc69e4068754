import type { IncomingHttpHeaders } from 'node:http';
import type { ApiKeyRecord } from '../access/key-store.js';
import type { RoutePermission } from '../access/decide-access.js';
import type { Principal } from '../access/resolve-principal.js';
import type { ServerDeps } from './server-deps.js';
import { DEFINITION_ID_PATTERN } from '../definitions/types.js';

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

/** Path parameters as every route gets them when it declares no type of its own. */
export type AnyParams = Record<string, string>;
/** Query parameters as every route gets them when it declares no type of its own. */
export type AnyQuery = Record<string, unknown>;

/**
 * What a handler gets: validated input, who is asking, and the ports. `Params`, `Query` and `Body` are the types the
 * route's OpenAPI entry validates the request into (`RouteSpec<Params, Query, Body>`).
 */
export interface RouteContext<Params = AnyParams, Query = AnyQuery, Body = unknown> {
  deps: ServerDeps;
  principal: Principal | null;
  key: ApiKeyRecord | null;
  params: Params;
  /** Query parameters after validation and type coercion (unknown ones were refused). */
  query: Query;
  body: Body;
  /** The body's exact bytes (a signature over them is checked, e.g. the GitHub webhook), or null without a body. */
  rawBody: Buffer | null;
  headers: IncomingHttpHeaders;
  /** The client asked for `Accept: application/x-ndjson` (only on routes that offer it). */
  ndjson: boolean;
  requestId: string;
}

/** What a handler returns; the app writes it (handlers never touch the response). */
export type Reply =
  | { status?: number; body: unknown; headers?: Record<string, string>; count?: number | null }
  /** A JSON body the handler already serialised (a page assembled from cached record texts). */
  | { status?: number; json: string | Buffer; count?: number | null }
  | { ndjson: AsyncIterable<unknown> }
  | { html: string; csp?: string }
  | { file: string; contentType: string; csp: string; cacheControl?: string };

/**
 * One route: its place, the ONE permission it needs (checked before the handler by `decideAccess`), its OpenAPI
 * description (the document and request validation are built from it), and its handler. The generic parameters type
 * what the handler receives once the request passed that validation; they default to untyped records, so a route
 * may declare them when it wants (`RouteSpec<{ id: string }, ListQuery>`). The table of all routes is `RouteSpec[]`
 * (`handle` is a method, so a typed route is still one of them).
 */
export interface RouteSpec<Params = AnyParams, Query = AnyQuery, Body = unknown> {
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
  /** The JSON body; `optional` when an empty body means `{}`; `maxBytes` when this route allows more than the default. */
  body?: { schema: JsonSchema; description: string; optional?: boolean; maxBytes?: number };
  responses: Record<number, ResponseSpec>;
  /** Reads of audit or execution data are written to the access log. */
  accessLog?: boolean;
  /** The route streams every match as NDJSON when asked. */
  ndjson?: boolean;
  /** A hot read (GET, no path parameter) served beside Express's router with the same handlers (`fast-lane.ts`). */
  fastLane?: boolean;
  handle(ctx: RouteContext<Params, Query, Body>): Promise<Reply> | Reply;
}

/** Type one route's handler input from its generics while it joins the `RouteSpec[]` table. */
export function defineRoute<Params = AnyParams, Query = AnyQuery, Body = unknown>(
  spec: RouteSpec<Params, Query, Body>,
): RouteSpec {
  return spec as unknown as RouteSpec;
}

export const API_BASE = '/api/v1';

/** The full OpenAPI path of a route (`/api/v1/actions/{id}`). */
export function fullPath(spec: Pick<RouteSpec, 'mount' | 'path'>): string {
  return (spec.mount ?? API_BASE) === '/' ? spec.path : `${API_BASE}${spec.path}`;
}

const patterns = new WeakMap<object, RegExp>();

/**
 * The regular expression a request path matches when it is this route's (a trailing `/` allowed), compiled once per
 * route and shared: the 404/405 answer and the tests' template lookup use the same one.
 */
export function routePattern(spec: Pick<RouteSpec, 'mount' | 'path' | 'wildcard'>): RegExp {
  let re = patterns.get(spec);
  if (!re) {
    const escaped = fullPath(spec).replace(/[.+^$()|[\]\\]/g, '\\$&');
    const source = escaped.replace(/\{\w+\}$/, spec.wildcard ? '.+' : '[^/]+').replace(/\{\w+\}/g, '[^/]+');
    re = new RegExp(`^${source}/?$`);
    patterns.set(spec, re);
  }
  return re;
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
  schema: { type: 'string', pattern: DEFINITION_ID_PATTERN },
  description: 'Definition id (docs/definitions.md).',
  required: true,
};
