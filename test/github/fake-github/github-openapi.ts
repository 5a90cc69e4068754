import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

/**
 * GitHub's published OpenAPI description of api.github.com (`@octokit/openapi`), compiled on demand into ajv
 * validators for one operation's parameters, request body and responses: the fake GitHub judges every request and
 * every answer it gives by it, so a request the real API would reject fails the test.
 */
type Json = Record<string, unknown>;
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: Json;
}
interface Operation {
  operationId: string;
  parameters?: (Parameter | { $ref: string })[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Json }> };
  responses: Record<string, Json>;
}
export interface OpenApiDoc {
  paths: Record<string, Record<string, Operation>>;
  components: Record<string, Record<string, Json>>;
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const require = createRequire(import.meta.url);

/** OpenAPI 3.0's `nullable: true` as JSON Schema: the schema, or null. */
function normalize(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(normalize);
  if (node === null || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node as Json))
    out[k] = k === 'example' || k === 'examples' ? v : normalize(v);
  if (out.nullable === true) {
    delete out.nullable;
    return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

let loaded: { doc: OpenApiDoc; ajv: Ajv; coercing: Ajv } | null = null;

function load(): NonNullable<typeof loaded> {
  if (loaded) return loaded;
  const raw = require('@octokit/openapi/generated/api.github.com.json') as OpenApiDoc;
  const doc = normalize(raw) as OpenApiDoc;
  const make = (coerce: boolean): Ajv => {
    const ajv = new Ajv({ strict: false, allErrors: true, coerceTypes: coerce, useDefaults: false });
    addFormats(ajv);
    // GitHub's own formats: a repository's `owner/name`.
    ajv.addFormat('repo.nwo', /^[A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+)?$/);
    ajv.addSchema(doc as unknown as Json, 'gh');
    return ajv;
  };
  loaded = { doc, ajv: make(false), coercing: make(true) };
  return loaded;
}

const pointer = (...parts: string[]): string =>
  'gh#/' + parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/** One operation of the description, with its validators. */
export interface GithubOperation {
  operationId: string;
  method: string;
  template: string;
  /** Path and query parameters (strings, coerced as GitHub would). Errors, or null. */
  checkParams(path: Record<string, string>, query: Record<string, string>): string | null;
  /** The JSON request body. Errors, or null. */
  checkBody(body: unknown): string | null;
  /** A response body for `status`; an undocumented status is an error too. */
  checkResponse(status: number, body: unknown): string | null;
}

const cache = new Map<string, GithubOperation>();

function describeErrors(v: ValidateFunction): string {
  return (v.errors ?? [])
    .slice(0, 5)
    .map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`)
    .join('; ');
}

function compileOperation(method: string, template: string, op: Operation): GithubOperation {
  const { doc, ajv, coercing } = load();
  const params = (op.parameters ?? []).map((p) =>
    '$ref' in p ? (doc.components.parameters![p.$ref.split('/').pop()!] as unknown as Parameter) : p,
  );
  const group = (where: 'path' | 'query'): ValidateFunction => {
    const own = params.filter((p) => p.in === where);
    return coercing.compile({
      type: 'object',
      properties: Object.fromEntries(own.map((p) => [p.name, p.schema])),
      required: own.filter((p) => p.required || where === 'path').map((p) => p.name),
      additionalProperties: where === 'path' ? false : true,
    });
  };
  const pathCheck = group('path');
  const queryCheck = group('query');
  const knownQuery = new Set(params.filter((p) => p.in === 'query').map((p) => p.name));
  const bodySchema = op.requestBody?.content['application/json'];
  const bodyCheck = bodySchema
    ? ajv.compile({
        $ref: pointer('paths', template, method, 'requestBody', 'content', 'application/json', 'schema'),
      })
    : null;
  const responseChecks = new Map<string, ValidateFunction | null>();
  const responseCheck = (status: number): ValidateFunction | null | undefined => {
    const key = String(status);
    if (responseChecks.has(key)) return responseChecks.get(key);
    const declared = op.responses[key];
    if (!declared) return undefined;
    const ref = typeof declared.$ref === 'string' ? declared.$ref.split('/').pop()! : null;
    const response = (ref ? doc.components.responses![ref] : declared) as {
      content?: Record<string, unknown>;
    };
    const v = response.content?.['application/json']
      ? ajv.compile({
          $ref: ref
            ? pointer('components', 'responses', ref, 'content', 'application/json', 'schema')
            : pointer('paths', template, method, 'responses', key, 'content', 'application/json', 'schema'),
        })
      : null;
    responseChecks.set(key, v);
    return v;
  };
  return {
    operationId: op.operationId,
    method,
    template,
    checkParams(path, query) {
      const unknown = Object.keys(query).filter((k) => !knownQuery.has(k));
      if (unknown.length > 0) return `unknown query parameters ${unknown.join(', ')}`;
      const p = { ...path };
      const q = { ...query };
      if (!pathCheck(p)) return `path: ${describeErrors(pathCheck)}`;
      if (!queryCheck(q)) return `query: ${describeErrors(queryCheck)}`;
      return null;
    },
    checkBody(body) {
      if (!bodyCheck) return body === undefined ? null : 'this operation takes no body';
      if (body === undefined) return op.requestBody?.required ? 'a body is required' : null;
      return bodyCheck(body) ? null : describeErrors(bodyCheck);
    },
    checkResponse(status, body) {
      const v = responseCheck(status);
      if (v === undefined) return `status ${status} is not documented for ${op.operationId}`;
      if (v === null) return body === undefined || body === '' ? null : `status ${status} has no JSON body`;
      return v(body) ? null : describeErrors(v);
    },
  };
}

interface Matcher {
  method: string;
  template: string;
  re: RegExp;
  names: string[];
}
let matchers: Matcher[] | null = null;

/** Every operation's path as a regular expression; literal segments win over parameters (`issues/comments`). */
function allMatchers(): Matcher[] {
  if (matchers) return matchers;
  const { doc } = load();
  const list: Matcher[] = [];
  for (const [template, item] of Object.entries(doc.paths)) {
    for (const method of Object.keys(item)) {
      const names: string[] = [];
      const source = template
        .replace(/[.+?^$()|[\]\\]/g, '\\$&')
        .replace(/\{(\w+)\}/g, (_all, name: string) => {
          names.push(name);
          return '([^/]+)';
        });
      list.push({ method, template, re: new RegExp(`^${source}$`), names });
    }
  }
  matchers = list.sort((a, b) => a.names.length - b.names.length);
  return matchers;
}

/** The operation a request names, by method and concrete path (`/repos/o/r/check-runs/5`), or null. */
export function findOperation(
  method: string,
  path: string,
): { op: GithubOperation; params: Record<string, string> } | null {
  const m = method.toLowerCase();
  for (const matcher of allMatchers()) {
    if (matcher.method !== m) continue;
    const match = matcher.re.exec(path);
    if (!match) continue;
    const key = `${m} ${matcher.template}`;
    let compiled = cache.get(key);
    if (compiled === undefined) {
      compiled = compileOperation(m, matcher.template, load().doc.paths[matcher.template]![m]!);
      cache.set(key, compiled);
    }
    const params = Object.fromEntries(matcher.names.map((n, i) => [n, decodeURIComponent(match[i + 1]!)]));
    return { op: compiled!, params };
  }
  return null;
}

/** A documented example of a component (`check-run`, `pull-request`): a valid starting point for fake answers. */
export function exampleOf(name: string): Json {
  const { doc } = load();
  const ex = doc.components.examples?.[name] as { value?: Json } | undefined;
  if (!ex?.value) throw new Error(`no example ${name} in GitHub's OpenAPI description`);
  return structuredClone(ex.value);
}
