import { locatePointer, parseYaml } from '../definitions/parse-yaml.js';
import { escapePointer } from '../history/semantic-diff.js';
import type { PointerLocation } from './pr-check-report.js';

/**
 * Where each changed pointer sits in a file's text (pure): history's pointers address items of keyed arrays by their
 * `id` or `name` (`/parameters/service/default`), the file by index; `/script/file_blob` is the `script.file` line,
 * `/__path` the first line. A pointer that is gone points at its nearest existing ancestor.
 */
export function locateChanges(text: string, file: string, pointers: readonly string[]): PointerLocation[] {
  const parsed = parseYaml(text, file);
  if (!parsed.ok) return pointers.map((pointer) => ({ pointer, line: 1, col: 1 }));
  const value = parsed.parsed.value;
  return pointers.map((pointer) => {
    if (pointer === '/__path') return { pointer, line: 1, col: 1 };
    const target = pointer === '/script/file_blob' ? '/script/file' : pointer;
    const { line, col } = locatePointer(parsed.parsed, toIndexPointer(value, target));
    return { pointer, line, col };
  });
}

/** A keyed pointer as the positional pointer of the document (segments past the last match are kept as they are). */
export function toIndexPointer(value: unknown, pointer: string): string {
  if (pointer === '') return '';
  const segments = pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node: unknown = value;
  const out: string[] = [];
  for (const segment of segments) {
    if (Array.isArray(node)) {
      const index = indexOfItem(node, segment);
      out.push(String(index));
      node = index >= 0 ? node[index] : undefined;
    } else if (node !== null && typeof node === 'object') {
      out.push(segment);
      node = (node as Record<string, unknown>)[segment];
    } else {
      out.push(segment);
      node = undefined;
    }
  }
  return out.map((s) => `/${escapePointer(s)}`).join('');
}

function indexOfItem(items: unknown[], segment: string): number {
  for (const key of ['id', 'name']) {
    const i = items.findIndex(
      (it) =>
        it !== null && typeof it === 'object' && String((it as Record<string, unknown>)[key]) === segment,
    );
    if (i >= 0) return i;
  }
  return /^\d+$/.test(segment) ? Number(segment) : -1;
}
