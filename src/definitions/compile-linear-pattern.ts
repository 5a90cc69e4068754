import { RE2JS } from 're2js';

/** A compiled pattern that matches in time linear in the input (RE2): all `test` needs, as ajv expects it. */
export interface LinearPattern {
  /** True when the pattern matches anywhere in the text (unanchored, like a JSON Schema `pattern`). */
  test(text: string): boolean;
  /** `/source/u`: ajv keys compiled patterns by this text. */
  toString(): string;
}

export type PatternCompilation =
  { ok: true; regex: LinearPattern } | { ok: false; reason: 'invalid' | 'unsupported'; message: string };

/**
 * Compile a user-supplied pattern (a parameter `pattern`, a schema shipped by a repo) for a linear-time engine, so
 * no input can make matching take more than linear time (docs/security.md). The pattern must be a valid ECMAScript
 * regular expression with the `u` flag (what JSON Schema and editors expect) and use only what RE2 can run in linear
 * time: backreferences and lookarounds are refused as `unsupported`. Compiling is never matching, so the
 * ECMAScript syntax check is safe.
 */
export function compileLinearPattern(pattern: string): PatternCompilation {
  try {
    new RegExp(pattern, 'u');
  } catch (err) {
    return { ok: false, reason: 'invalid', message: (err as Error).message };
  }
  let re2: RE2JS;
  try {
    re2 = RE2JS.compile(toRe2Syntax(pattern));
  } catch (err) {
    const detail = (err as Error).message.replace(/^error parsing regexp: /, '');
    return {
      ok: false,
      reason: 'unsupported',
      message: `it uses syntax the linear-time engine cannot run (backreferences, lookahead or lookbehind, repeats over 1000): ${detail}`,
    };
  }
  const text = `/${pattern}/u`;
  return { ok: true, regex: { test: (input) => re2.test(input), toString: () => text } };
}

/**
 * ajv's `code.regExp` engine: every `pattern` keyword of a schema compiles with `compileLinearPattern`; one it cannot
 * run throws, so the schema fails to compile (a repo schema then falls back to the shipped one, with a finding).
 */
export const linearRegExpEngine = Object.assign(
  (pattern: string): LinearPattern => {
    const compiled = compileLinearPattern(pattern);
    if (!compiled.ok) throw new Error(`pattern /${pattern}/: ${compiled.message}`);
    return compiled.regex;
  },
  { code: 'linearRegExpEngine' },
);

/**
 * ECMAScript escapes RE2 spells differently: `\uXXXX` (surrogate pairs joined), `\u{X}` and `\cX` become `\x{X}`.
 * Everything else is passed as written; what RE2 does not know makes it refuse the pattern, never guess.
 */
function toRe2Syntax(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch !== '\\' || i + 1 >= pattern.length) {
      out += ch;
      continue;
    }
    const next = pattern[i + 1] as string;
    const unit = /^u([0-9a-fA-F]{4})/.exec(pattern.slice(i + 1));
    const braced = /^u\{([0-9a-fA-F]{1,6})\}/.exec(pattern.slice(i + 1));
    const control = /^c([A-Za-z])/.exec(pattern.slice(i + 1));
    if (unit) {
      let code = parseInt(unit[1] as string, 16);
      let length = 5;
      const low = /^\\u([dD][c-fC-F][0-9a-fA-F]{2})/.exec(pattern.slice(i + 6));
      if (code >= 0xd800 && code <= 0xdbff && low) {
        code = 0x10000 + ((code - 0xd800) << 10) + (parseInt(low[1] as string, 16) - 0xdc00);
        length += 6;
      }
      out += `\\x{${code.toString(16)}}`;
      i += length;
    } else if (braced) {
      out += `\\x{${braced[1]}}`;
      i += braced[0].length;
    } else if (control) {
      out += `\\x{${((control[1] as string).charCodeAt(0) % 32).toString(16)}}`;
      i += 2;
    } else {
      out += `\\${next}`;
      i += 1;
    }
  }
  return out;
}
