import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import * as addFormatsModule from 'ajv-formats';
import { OpsledgerError } from '../../errors/opsledger-error.js';
import type { JsonSchema, ParamSpec, RouteSpec } from '../route-spec.js';
import type { OpenApiDocument } from './build-openapi.js';

// ajv-formats is CommonJS with a default export; under NodeNext it arrives wrapped.
const addFormats = (addFormatsModule as unknown as { default: (ajv: Ajv2020) => Ajv2020 }).default;

const COMPONENTS_ID = 'opsledger-components';

/** Point `#/components/schemas/X` refs at the components resource registered with ajv. */
function rewriteRefs(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(rewriteRefs);
  if (schema && typeof schema === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(schema)) {
      out[k] =
        k === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/')
          ? `${COMPONENTS_ID}#/$defs/${v.slice('#/components/schemas/'.length)}`
          : rewriteRefs(v);
    }
    return out;
  }
  return schema;
}

/** An ajv (JSON Schema 2020-12, the dialect of OpenAPI 3.1) that knows the document's component schemas. */
export function createSchemaCompiler(
  doc: Pick<OpenApiDocument, 'components'>,
  options: { coerce: boolean },
): (schema: JsonSchema) => ValidateFunction {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    strictTypes: false,
    strictRequired: false,
    allowUnionTypes: true,
    coerceTypes: options.coerce,
    useDefaults: options.coerce,
  });
  addFormats(ajv);
  ajv.addSchema({ $id: COMPONENTS_ID, $defs: rewriteRefs(doc.components.schemas) as JsonSchema });
  return (schema) => ajv.compile(rewriteRefs(schema) as JsonSchema);
}

function describe(where: string, e: ErrorObject, allowed: string[]): string {
  const name = e.instancePath.replace(/^\//, '').replaceAll('/', '.');
  switch (e.keyword) {
    case 'additionalProperties': {
      const extra = (e.params as { additionalProperty: string }).additionalProperty;
      const list = allowed.length ? ` (allowed: ${allowed.join(', ')})` : '';
      return where === 'body'
        ? `unknown field "${[name, extra].filter(Boolean).join('.')}" in the body`
        : `unknown ${where} parameter "${extra}"${list}`;
    }
    case 'required':
      return `missing ${where === 'body' ? 'field' : `${where} parameter`} "${[name, (e.params as { missingProperty: string }).missingProperty].filter(Boolean).join('.')}"`;
    case 'enum':
      return `${where} ${name ? `"${name}" ` : ''}must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map(String).join(', ')}`;
    default:
      return `${where}${name ? ` "${name}"` : ''} ${e.message ?? 'is invalid'}`;
  }
}

function objectSchema(params: Record<string, ParamSpec>, requiredAll: boolean): JsonSchema {
  return {
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(Object.entries(params).map(([n, p]) => [n, p.schema])),
    required: Object.entries(params)
      .filter(([, p]) => requiredAll || p.required)
      .map(([n]) => n),
  };
}

/** Validate one part of a request; throws INPUT_INVALID naming the first problem. Returns the coerced value. */
function validator(
  where: 'query' | 'path' | 'body',
  validate: ValidateFunction,
  allowed: string[],
): (value: unknown) => unknown {
  return (value) => {
    if (validate(value)) return value;
    const errors = validate.errors ?? [];
    const first = errors.find((e) => e.keyword === 'additionalProperties') ?? errors[0];
    throw new OpsledgerError('INPUT_INVALID', first ? describe(where, first, allowed) : `invalid ${where}`, {
      hint:
        where === 'body'
          ? 'Check the request body against the schema in /api/v1/openapi.json.'
          : `See the ${where} parameters of this route in /api/v1/openapi.json${allowed.length ? ` (${allowed.join(', ')})` : ''}.`,
    });
  };
}

export interface RequestValidator {
  query(raw: Record<string, unknown>): Record<string, unknown>;
  params(raw: Record<string, string>): Record<string, string>;
  body(raw: unknown): unknown;
}

/** Compile the request validation of one route from its OpenAPI description (query, path and body). */
export function compileRequestValidator(
  spec: RouteSpec,
  compileCoercing: (schema: JsonSchema) => ValidateFunction,
  compileStrict: (schema: JsonSchema) => ValidateFunction,
): RequestValidator {
  const queryNames = Object.keys(spec.query ?? {});
  const query = validator('query', compileCoercing(objectSchema(spec.query ?? {}, false)), queryNames);
  const params = validator('path', compileCoercing(objectSchema(spec.params ?? {}, true)), []);
  const body = spec.body ? validator('body', compileStrict(spec.body.schema), []) : null;
  return {
    query: (raw) => query({ ...raw }) as Record<string, unknown>,
    params: (raw) => params({ ...raw }) as Record<string, string>,
    body: (raw) => {
      if (!body) return undefined;
      if (raw === undefined) {
        if (spec.body?.optional) return body({});
        throw new OpsledgerError('INPUT_INVALID', 'a JSON body is required', {
          hint: 'Send Content-Type: application/json with a JSON object body.',
        });
      }
      return body(raw);
    },
  };
}

/**
 * A checker of response bodies against the document (used by the tests: every response a test sees is checked).
 * Returns null when the body fits the declared schema of that status, else a description of the mismatch.
 */
export function compileResponseChecker(
  doc: OpenApiDocument,
): (method: string, path: string, status: number, body: unknown, contentType?: string) => string | null {
  const compile = createSchemaCompiler(doc, { coerce: false });
  const cache = new Map<string, ValidateFunction | null>();
  return (method, path, status, body, contentType = 'application/json') => {
    const key = `${method} ${path} ${status} ${contentType}`;
    let validate = cache.get(key);
    if (validate === undefined) {
      const op = doc.paths[path]?.[method.toLowerCase()] as
        { responses: Record<string, { content?: Record<string, { schema: JsonSchema }> }> } | undefined;
      if (!op) return `no operation ${method} ${path} in the document`;
      const response = op.responses[String(status)];
      if (!response) return `status ${status} is not declared for ${method} ${path}`;
      const schema = response.content?.[contentType]?.schema;
      validate = schema ? compile(schema) : null;
      cache.set(key, validate);
    }
    if (validate === null) return null;
    return validate(body) ? null : JSON.stringify(validate.errors);
  };
}
