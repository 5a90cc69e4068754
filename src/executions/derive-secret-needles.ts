/**
 * Lines of a multi-line secret and forms that cover only part of a value (base64 at another alignment, wrapped
 * base64) are scrubbed on their own only from this many bytes on: shorter ones would blank out unrelated output.
 * The value itself (and its trimmed form) is always scrubbed, whatever its length (docs/executions.md, Secrets).
 */
export const MIN_PART_BYTES = 8;

/** Column widths base64 tools wrap at: coreutils `base64` (76) and PEM / `openssl base64` (64). */
const WRAP_WIDTHS = [76, 64];

/**
 * Forms are added by priority until their bytes reach this budget (the value itself always goes in): a huge secret
 * must not build a huge automaton. Realistic secrets (a 4 KiB PEM key: ~0.2 MiB of forms) stay far below it.
 */
export const MAX_FORM_BYTES = 1024 * 1024;

/**
 * Every byte string that would give a secret away if it appeared in output: each value, its trimmed form and the
 * non-trivial lines of a multi-line value, each of them as is, JSON-escaped, URL-encoded (the JS, RFC 3986, Python
 * `quote` and form variants), hex, and base64 (standard and URL-safe, whole, and the part that is the same at any
 * alignment inside a longer encoded text, and wrapped at 76 or 64 columns). Deduplicated, longest first. Priority
 * within the budget: the values, their encodings, their lines, the lines' encodings.
 */
export function deriveSecretNeedles(secrets: readonly string[]): Buffer[] {
  const seen = new Map<string, Buffer>();
  let budget = MAX_FORM_BYTES;
  const add = (needle: Buffer, always: boolean): void => {
    if (needle.length === 0 || (!always && needle.length < MIN_PART_BYTES)) return;
    const key = needle.toString('latin1');
    if (seen.has(key) || (!always && needle.length > budget)) return;
    seen.set(key, needle);
    budget -= needle.length;
  };
  const values = secrets.filter((v) => v !== '');
  const wholes = values.flatMap((v) => [...new Set([v, v.trim()])]).filter((p) => p !== '');
  const lines = values.flatMap((v) =>
    v
      .split(/\r\n|\r|\n/)
      .map((l) => l.trim())
      .filter((l) => l !== '' && l !== v && l !== v.trim()),
  );
  for (const piece of wholes) add(Buffer.from(piece, 'utf8'), true);
  for (const piece of wholes) for (const form of encodedForms(piece)) add(form, false);
  for (const line of lines) add(Buffer.from(line, 'utf8'), false);
  for (const line of lines) for (const form of encodedForms(line)) add(form, false);
  return [...seen.values()].sort((a, b) => b.length - a.length);
}

/** The encodings of one piece of a secret (the raw piece not included), the most common first. */
function encodedForms(piece: string): Buffer[] {
  const bytes = Buffer.from(piece, 'utf8');
  const [json, ...jsonVariants] = jsonForms(piece);
  const [url, ...urlVariants] = urlForms(piece);
  const text = (t: string | undefined): Buffer[] => (t === undefined ? [] : [Buffer.from(t, 'utf8')]);
  return [
    ...text(json),
    ...text(url),
    ...base64Forms(bytes),
    ...text(bytes.toString('hex')),
    ...[...jsonVariants, ...urlVariants].flatMap(text),
  ];
}

function jsonForms(piece: string): string[] {
  const escaped = JSON.stringify(piece).slice(1, -1);
  // Python's json.dumps (ensure_ascii) and many others escape everything outside ASCII as \uXXXX.
  const ascii = escaped.replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return [escaped, ascii, escaped.replaceAll('/', '\\/')];
}

function urlForms(piece: string): string[] {
  let js: string;
  try {
    js = encodeURIComponent(piece);
  } catch {
    return []; // a lone surrogate: no URL form exists
  }
  const strict = js.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return [
    js,
    strict,
    strict.replaceAll('%2F', '/'), // Python urllib.parse.quote keeps "/" by default
    strict.replaceAll('%20', '+'), // forms, quote_plus
    js.replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase()),
  ];
}

function base64Forms(bytes: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (const encoding of ['base64', 'base64url'] as const) {
    const full = bytes.toString(encoding);
    out.push(Buffer.from(full, 'latin1'));
    // Inside a longer encoded text the value starts at offset 0, 1 or 2 of a 3-byte group: the groups wholly made
    // of its bytes encode the same whatever surrounds them.
    for (let skip = 0; skip < 3; skip++) {
      const usable = Math.floor((bytes.length - skip) / 3) * 3;
      if (usable > 0) out.push(Buffer.from(bytes.subarray(skip, skip + usable).toString(encoding), 'latin1'));
    }
    if (encoding === 'base64') {
      for (const width of WRAP_WIDTHS) {
        for (let at = 0; at < full.length && full.length > width; at += width)
          out.push(Buffer.from(full.slice(at, at + width), 'latin1'));
      }
    }
  }
  return out;
}
