/** The parts of a JSON Schema that say where defaults live: object properties, map values and array items. */
interface DefaultsSchema {
  readonly default?: unknown;
  readonly properties?: Readonly<Record<string, DefaultsSchema>>;
  readonly additionalProperties?: boolean | DefaultsSchema;
  readonly items?: DefaultsSchema | readonly DefaultsSchema[];
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * A copy of `value` with every `default` of `schema` filled in where the value leaves the key out, at any depth
 * (a defaulted section such as `server: {}` then gets its own keys' defaults). Pure: `value` is not changed, and each
 * default is a fresh copy. Only `properties`, `additionalProperties` and `items` are followed: defaults under
 * `oneOf`/`if` would be ambiguous, and the config schema keeps none there.
 */
export function applySchemaDefaults(schema: object, value: unknown): unknown {
  return fill(schema as DefaultsSchema, value);
}

function fill(schema: DefaultsSchema, value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = schema.items;
    return items && !Array.isArray(items)
      ? value.map((item: unknown) => fill(items as DefaultsSchema, item))
      : value;
  }
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  const props = schema.properties ?? {};
  const extra = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
  for (const [key, v] of Object.entries(value)) {
    const sub = Object.hasOwn(props, key) ? props[key] : extra;
    out[key] = sub ? fill(sub, v) : v;
  }
  for (const [key, sub] of Object.entries(props)) {
    if (!Object.hasOwn(out, key) && sub.default !== undefined) {
      out[key] = fill(sub, copyJson(sub.default));
    }
  }
  return out;
}

/**
 * A deep copy of a JSON value (a schema's `default` is one): what structuredClone gives for it, without a trip through
 * the serializer per default, ~0.3 ms of every command's start with the config schema's 34 defaults (README, CLI
 * start-up).
 */
function copyJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyJson);
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = copyJson(v);
  return out;
}
