import { API_BASE, type JsonSchema, type ParamSpec, type RouteSpec } from '../route-spec.js';
import { componentSchemas, ref } from './components.js';

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: {
    title: string;
    version: string;
    description: string;
    license: { name: string; identifier: string };
    contact: { name: string; url: string };
  };
  servers: { url: string }[];
  tags: { name: string; description: string }[];
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, unknown> };
  security: Record<string, string[]>[];
}

const ERROR_RESPONSES: Record<number, string> = {
  400: 'Bad input: unknown or malformed query parameter, body or cursor.',
  401: 'No key, or a malformed, unknown, revoked or expired key.',
  403: 'The key is valid but its user lacks the permission.',
  404: 'Not found, or not visible to the caller.',
  406: 'The Accept header allows none of the types this route answers.',
  409: 'Conflict.',
  413: 'Request body too large.',
  415: 'Body is not application/json.',
  429: 'Over the rate limit; retry after `Retry-After` seconds.',
  503: 'The journal cannot take a record (nothing was run).',
};

const TAGS: Record<string, string> = {
  definitions: 'Actions and runbooks as they are at the tip of the tracked branch.',
  audit: 'Change history of definitions, from git.',
  executions: 'The execution journal: runs, their parameters, targets and results.',
  admin: 'API keys, index refresh and the access log.',
  meta: 'Health and this documentation.',
  reports: 'Generated HTML and Markdown reports.',
  github: 'The GitHub App: pull request webhooks, reverts as pull requests (docs/github.md).',
};

function parameter(
  name: string,
  where: 'path' | 'query' | 'header',
  spec: ParamSpec,
): Record<string, unknown> {
  return {
    name,
    in: where,
    description: spec.description,
    required: where === 'path' ? true : spec.required === true,
    schema: spec.schema,
  };
}

function operation(spec: RouteSpec): Record<string, unknown> {
  const isPublic = spec.permission === 'public';
  const parameters = [
    ...Object.entries(spec.params ?? {}).map(([n, p]) => parameter(n, 'path', p)),
    ...Object.entries(spec.query ?? {}).map(([n, p]) => parameter(n, 'query', p)),
    ...Object.entries(spec.headers ?? {}).map(([n, p]) => parameter(n, 'header', p)),
  ];
  const responses: Record<string, unknown> = {};
  for (const [status, r] of Object.entries(spec.responses)) {
    const content: Record<string, unknown> = {};
    if (r.schema) content['application/json'] = { schema: r.schema };
    if (r.ndjsonItem) content['application/x-ndjson'] = { schema: r.ndjsonItem };
    for (const [type, schema] of Object.entries(r.content ?? {})) content[type] = { schema };
    responses[status] = {
      description: r.description,
      ...(Object.keys(content).length ? { content } : {}),
      ...(r.headers ? { headers: r.headers } : {}),
    };
  }
  const errors = new Set<number>();
  // Every route checks its query string (an unknown parameter is a 400), not only those that declare parameters.
  errors.add(400);
  if (!isPublic) [401, 403, 429].forEach((s) => errors.add(s));
  if (!isPublic && !spec.wildcard && spec.mount !== '/') errors.add(406);
  if (spec.params && Object.keys(spec.params).length) errors.add(404);
  if (spec.body) [413, 415].forEach((s) => errors.add(s));
  for (const status of [...errors].sort()) {
    responses[String(status)] ??= {
      description: ERROR_RESPONSES[status],
      content: { 'application/json': { schema: ref('Error') } },
      ...(status === 429
        ? { headers: { 'Retry-After': { description: 'Seconds to wait.', schema: { type: 'integer' } } } }
        : {}),
    };
  }
  return {
    operationId: spec.operationId,
    tags: [spec.tag],
    summary: spec.summary,
    description: `${spec.description ? `${spec.description}\n\n` : ''}Permission: \`${spec.permission}\`.`,
    'x-permission': spec.permission,
    ...(isPublic ? { security: [] } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(spec.body
      ? {
          requestBody: {
            required: spec.body.optional !== true,
            description: spec.body.description,
            content: { 'application/json': { schema: spec.body.schema } },
          },
        }
      : {}),
    responses,
  };
}

/** The OpenAPI 3.1 document, built from the same route table the app mounts (so they cannot drift apart). */
export function buildOpenApi(routes: readonly RouteSpec[], version: string): OpenApiDocument {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of routes) {
    const root = (spec.mount ?? API_BASE) === '/';
    const item = (paths[spec.path] ??= root ? { servers: [{ url: '/' }] } : {});
    item[spec.method] = operation(spec);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'opsledger audit service',
      version,
      description:
        'Query the change history of action and runbook definitions (from git) and the execution journal; record runs ' +
        'done elsewhere; run actions as yourself. Authenticate with `Authorization: Bearer <key>` or ' +
        '`Basic base64(<email>:<key>)`. Lists are `{ data, next_cursor }` pages; send `Accept: application/x-ndjson` ' +
        'to stream every match. Errors are `{ error: { code, message, hint } }`.',
      license: { name: 'MIT', identifier: 'MIT' },
      contact: { name: 'opsledger', url: 'https://github.com/opsledger/opsledger/issues' },
    },
    servers: [{ url: API_BASE }],
    tags: [...new Set(routes.map((r) => r.tag))].map((name) => ({ name, description: TAGS[name] ?? name })),
    paths,
    components: {
      schemas: componentSchemas(),
      securitySchemes: {
        basic: {
          type: 'http',
          scheme: 'basic',
          description: 'base64(email:apikey); the email must be the key user.',
        },
        bearer: { type: 'http', scheme: 'bearer', description: 'The API key itself.' },
      },
    },
    security: [{ basic: [] }, { bearer: [] }],
  };
}
