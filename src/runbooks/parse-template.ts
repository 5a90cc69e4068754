import { DEFINITION_ID, PARAMETER_NAME, type Scalar } from '../definitions/types.js';

/** One reference inside `${{ … }}` (docs/runbooks.md, Expressions). */
export type TemplateRef =
  { kind: 'param'; name: string } | { kind: 'step'; step: string; field: 'status' | 'exit_code' };

export type TemplatePart = string | TemplateRef;

const OPEN = '${{';
const CLOSE = '}}';

/**
 * Split a `with` value into literal text and references. A tiny hand-written scanner: the only forms are
 * `params.NAME`, `steps.ID.status` and `steps.ID.exit_code`; nothing is ever evaluated. Throws with a message on
 * anything else (an unclosed `${{`, an unknown root or field).
 */
export function parseTemplate(text: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let at = 0;
  while (at < text.length) {
    const open = text.indexOf(OPEN, at);
    if (open < 0) {
      parts.push(text.slice(at));
      break;
    }
    if (open > at) parts.push(text.slice(at, open));
    const close = text.indexOf(CLOSE, open + OPEN.length);
    if (close < 0) throw new Error(`"${OPEN}" at character ${open + 1} is not closed by "${CLOSE}"`);
    parts.push(parseRef(text.slice(open + OPEN.length, close).trim()));
    at = close + CLOSE.length;
  }
  return parts;
}

function parseRef(inner: string): TemplateRef {
  const words = inner.split('.');
  if (words[0] === 'params' && words.length === 2 && PARAMETER_NAME.test(words[1]!)) {
    return { kind: 'param', name: words[1]! };
  }
  if (words[0] === 'steps' && words.length === 3 && DEFINITION_ID.test(words[1]!)) {
    const field = words[2];
    if (field === 'status' || field === 'exit_code') return { kind: 'step', step: words[1]!, field };
  }
  throw new Error(
    `"\${{ ${inner} }}" is not an expression opsledger knows (params.NAME, steps.ID.status, steps.ID.exit_code)`,
  );
}

/** What `${{ … }}` references may read while a run goes on. */
export interface TemplateScope {
  params: Readonly<Record<string, Scalar | undefined>>;
  steps: ReadonlyMap<string, { status: string; exit_code: number | null }>;
}

/**
 * The value of a `with` entry in a run. A value that is exactly one reference keeps the referenced type (an
 * integer parameter stays an integer); otherwise references are spliced into the text. An unset reference reads as
 * the empty string (a step that did not run has status `skipped`).
 */
export function renderTemplate(value: Scalar, scope: TemplateScope): Scalar {
  if (typeof value !== 'string' || !value.includes(OPEN)) return value;
  const parts = parseTemplate(value);
  const only = parts.length === 1 ? parts[0] : undefined;
  if (only !== undefined && typeof only !== 'string') return readRef(only, scope) ?? '';
  return parts.map((p) => (typeof p === 'string' ? p : String(readRef(p, scope) ?? ''))).join('');
}

function readRef(ref: TemplateRef, scope: TemplateScope): Scalar | undefined {
  if (ref.kind === 'param') return Object.hasOwn(scope.params, ref.name) ? scope.params[ref.name] : undefined;
  const step = scope.steps.get(ref.step);
  if (!step) return ref.field === 'status' ? 'skipped' : undefined;
  return ref.field === 'status' ? step.status : (step.exit_code ?? undefined);
}

/** The references of a `with` value (none for a non-string); throws as `parseTemplate`. */
export function listTemplateRefs(value: Scalar): TemplateRef[] {
  if (typeof value !== 'string' || !value.includes(OPEN)) return [];
  return parseTemplate(value).filter((p): p is TemplateRef => typeof p !== 'string');
}
