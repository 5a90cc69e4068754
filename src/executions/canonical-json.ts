/** Quoted keys, cached: records repeat the same few dozen keys (bounded, so odd input cannot grow it forever). */
const quotedKeys = new Map<string, string>();
function quoteKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    if (quotedKeys.size < 10_000) quotedKeys.set(key, quoted);
  }
  return quoted;
}

/**
 * Canonical JSON, the input of the journal's hashes: object keys sorted by UTF-16 code units (JavaScript's default
 * sort), no whitespace, strings and numbers as `JSON.stringify` writes them, `undefined` members left out. Arrays keep
 * their order. Any implementation that follows these rules reproduces the hashes (e.g. Python:
 * `json.dumps(v, sort_keys=True, separators=(",", ":"), ensure_ascii=False)` for ASCII keys).
 */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return JSON.stringify(value);
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          const v: unknown = value[i];
          out += `${i === 0 ? '' : ','}${v === undefined ? 'null' : canonicalJson(v)}`;
        }
        return `${out}]`;
      }
      const obj = value as Record<string, unknown>;
      let out = '{';
      let first = true;
      for (const key of Object.keys(obj).sort()) {
        const v = obj[key];
        if (v === undefined) continue;
        out += `${first ? '' : ','}${quoteKey(key)}:${canonicalJson(v)}`;
        first = false;
      }
      return `${out}}`;
    }
    default:
      throw new TypeError(`cannot encode ${typeof value} in canonical JSON`);
  }
}
