import type * as Yaml from 'yaml';
import type { Document, LineCounter, Node } from 'yaml';
import { requirePackage } from '../package/require-package.js';
import type { Finding } from './types.js';

let yamlPackage: typeof Yaml | undefined;

/** The yaml package, required when a file is first parsed with it (package/require-package.ts). */
function yaml(): typeof Yaml {
  return (yamlPackage ??= requirePackage('yaml') as typeof Yaml);
}

/** Files larger than this are refused before parsing: a definition is a page of YAML, not a data dump. */
export const MAX_DEFINITION_BYTES = 256 * 1024;
/** yaml's own guard against alias bombs: resolving more aliases than this throws instead of expanding. */
const MAX_ALIAS_COUNT = 50;

export interface ParsedYaml {
  value: unknown;
  doc: Document;
  lineCounter: LineCounter;
}

export type ParseResult = { ok: true; parsed: ParsedYaml } | { ok: false; findings: Finding[] };

function finding(
  file: string,
  line: number,
  col: number,
  code: string,
  message: string,
  hint: string,
): Finding {
  return { code, file, line, col, message, hint, severity: 'error' };
}

/**
 * Parse one definition file's bytes as exactly one YAML document. Never throws for bad input: size, encoding,
 * syntax, multiple documents and alias bombs all come back as located findings.
 */
export function parseYaml(bytes: Buffer | string, file: string): ParseResult {
  const size = typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.length;
  if (size > MAX_DEFINITION_BYTES) {
    return {
      ok: false,
      findings: [
        finding(
          file,
          1,
          1,
          'file-too-large',
          `file is ${size} bytes, over the ${MAX_DEFINITION_BYTES}-byte limit`,
          'Split the definition or move a long script into a script.file.',
        ),
      ],
    };
  }
  let text: string;
  if (typeof bytes === 'string') {
    text = bytes;
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      const at = firstInvalidUtf8(bytes);
      return {
        ok: false,
        findings: [
          finding(
            file,
            at.line,
            at.col,
            'invalid-utf8',
            'file is not valid UTF-8',
            'Save the file as UTF-8 (e.g. `iconv -f latin1 -t utf-8`).',
          ),
        ],
      };
    }
  }
  const { LineCounter: Counter, parseAllDocuments } = yaml();
  const lineCounter = new Counter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  const list = Array.isArray(docs) ? docs : [];
  if (list.length === 0) {
    return {
      ok: false,
      findings: [
        finding(file, 1, 1, 'empty-file', 'file holds no YAML document', 'Write one definition per file.'),
      ],
    };
  }
  const findings: Finding[] = [];
  for (const doc of list) {
    for (const err of doc.errors) {
      const pos = lineCounter.linePos(err.pos[0]);
      findings.push(
        finding(
          file,
          pos.line,
          pos.col,
          'yaml-syntax',
          firstLine(err.message),
          'Fix the YAML syntax at this place.',
        ),
      );
    }
  }
  if (findings.length > 0) return { ok: false, findings };
  if (list.length > 1) {
    const second = list[1]!;
    const pos = lineCounter.linePos(second.range[0]);
    return {
      ok: false,
      findings: [
        finding(
          file,
          pos.line,
          pos.col,
          'multiple-documents',
          `file holds ${list.length} YAML documents`,
          'Keep one definition per file; move the others to files of their own.',
        ),
      ],
    };
  }
  const doc = list[0]!;
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    const pos = lineCounter.linePos(firstAliasOffset(doc));
    const message = err instanceof Error ? err.message : String(err);
    return {
      ok: false,
      findings: [
        finding(
          file,
          pos.line,
          pos.col,
          'alias-bomb',
          `refused to expand aliases: ${message}`,
          'Write the values out; definitions must not use nested YAML aliases.',
        ),
      ],
    };
  }
  return { ok: true, parsed: { value, doc, lineCounter } };
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

function firstInvalidUtf8(bytes: Buffer): { line: number; col: number } {
  let line = 1;
  let col = 1;
  for (let i = 0; i < bytes.length; i++) {
    const ok = new TextDecoder('utf-8', { fatal: true });
    const b = bytes[i]!;
    if (b === 0x0a) {
      line++;
      col = 1;
      continue;
    }
    if (b < 0x80) {
      col++;
      continue;
    }
    const len = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    try {
      ok.decode(bytes.subarray(i, i + len));
    } catch {
      return { line, col };
    }
    i += len - 1;
    col++;
  }
  return { line, col };
}

function firstAliasOffset(doc: Document): number {
  let offset = doc.contents?.range?.[0] ?? 0;
  const { visit } = yaml();
  visit(doc, {
    Alias(_key, node) {
      offset = node.range?.[0] ?? offset;
      return visit.BREAK;
    },
  });
  return offset;
}

/**
 * The source position of the node a JSON Pointer names. With `key`, the position of that key inside the map the
 * pointer names (for "unknown key" errors). Falls back to the nearest existing ancestor.
 */
export function locatePointer(
  parsed: ParsedYaml,
  pointer: string,
  key?: string,
): { line: number; col: number } {
  const segments =
    pointer === ''
      ? []
      : pointer
          .slice(1)
          .split('/')
          .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const { isMap, isPair, isScalar, isSeq } = yaml();
  let node: Node | null | undefined = parsed.doc.contents as Node | null;
  let best: [number, number, number] | undefined = node?.range ?? undefined;
  for (const seg of segments) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === seg);
      if (!pair) break;
      const keyNode = pair.key as Node;
      best = (pair.value as Node | null)?.range ?? keyNode.range ?? best;
      // Point at the key for maps: that is the line people read as "where this field is".
      if (keyNode.range) best = keyNode.range;
      node = pair.value as Node | null;
    } else if (isSeq(node)) {
      const item = node.items[Number(seg)] as Node | undefined;
      if (!item) break;
      best = item.range ?? best;
      node = item;
    } else {
      break;
    }
  }
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
    const range = (pair?.key as Node | undefined)?.range;
    if (range) best = range;
  }
  return parsed.lineCounter.linePos(best?.[0] ?? 0);
}
