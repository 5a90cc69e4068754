/**
 * Canonical JSON, the input of the journal's hashes: object keys sorted by UTF-16 code units (JavaScript's default
 * sort), no whitespace, strings and numbers as `JSON.stringify` writes them, `undefined` members left out. Arrays keep
 * their order. Any implementation that follows these rules reproduces the hashes (e.g. Python:
 * `json.dumps(v, sort_keys=True, separators=(",", ":"), ensure_ascii=False)` for ASCII keys).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    if (text === undefined) throw new TypeError(`cannot encode ${typeof value} in canonical JSON`);
    return text;
  }
  if (Array.isArray(value)) {
    return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const v = obj[key];
    if (v === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${canonicalJson(v)}`;
    first = false;
  }
  return `${out}}`;
}
