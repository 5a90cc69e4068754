import type { Finding } from './types.js';

export type Severity = Finding['severity'];

interface FindingCode {
  severity: Severity;
  /** What the rule checks, for docs and `--help`. */
  summary: string;
  /** The hint a finding of this code gets unless the rule gives a more precise one. */
  hint: string;
}

/**
 * Every code `opsledger validate` reports. Codes are stable: scripts and CI match on them, so never rename one.
 * Errors fail validation (exit 1); warnings fail it only with `--strict`.
 */
export const FINDING_CODES = {
  // one file at a time: bytes and YAML
  'file-too-large': {
    severity: 'error',
    summary: 'the file is over the size limit (256 KiB)',
    hint: 'Split the definition or move a long script into a script.file.',
  },
  'invalid-utf8': {
    severity: 'error',
    summary: 'the file is not valid UTF-8',
    hint: 'Save the file as UTF-8.',
  },
  'empty-file': {
    severity: 'error',
    summary: 'the file holds no YAML document',
    hint: 'Write one definition per file.',
  },
  'yaml-syntax': {
    severity: 'error',
    summary: 'YAML syntax error (including duplicate keys)',
    hint: 'Fix the YAML syntax at this place.',
  },
  'multiple-documents': {
    severity: 'error',
    summary: 'more than one YAML document in a file',
    hint: 'Keep one definition per file.',
  },
  'alias-bomb': {
    severity: 'error',
    summary: 'YAML aliases that expand too far (billion laughs); refused without expanding',
    hint: 'Write the values out; definitions must not use nested YAML aliases.',
  },
  // one file at a time: place and schema
  schema: {
    severity: 'error',
    summary:
      'the document does not match its JSON Schema (unknown key, missing key, wrong type, enum, pattern)',
    hint: 'Fix the value so it matches the schema.',
  },
  'schema-file-invalid': {
    severity: 'error',
    summary:
      "a repo schema file under definitions/schema/ is not valid JSON or not a valid schema; opsledger's own copy is used instead",
    hint: 'Fix the schema file or delete it to use the schema shipped with opsledger.',
  },
  'wrong-folder': {
    severity: 'error',
    summary: 'a definition of one kind in the folder of another (a runbook under actions/)',
    hint: 'Move the file to the folder of its kind.',
  },
  'unknown-location': {
    severity: 'warning',
    summary: 'a YAML file under definitions/ outside actions/, runbooks/ and roles/; it is not loaded',
    hint: 'Move it into definitions/actions/, definitions/runbooks/ or definitions/roles/.',
  },
  'definition-symlink': {
    severity: 'error',
    summary: 'a definition file that is a symbolic link',
    hint: 'Replace the link with the file itself; git history follows files, not links.',
  },
  unmerged: {
    severity: 'error',
    summary: 'a definition file with an unresolved merge conflict in the index',
    hint: 'Resolve the conflict and `git add` the file.',
  },
  'id-filename-mismatch': {
    severity: 'warning',
    summary: 'the file name (without .yaml) differs from the id',
    hint: 'Rename the file to <id>.yaml so people find it; history follows the id either way.',
  },
  // across files
  'duplicate-id': {
    severity: 'error',
    summary: 'two files of the same kind declare the same id',
    hint: 'Give one of them another id; ids are unique per kind across the repo.',
  },
  'unknown-action': {
    severity: 'error',
    summary: 'a runbook step names an action id that no action file declares',
    hint: 'Fix the action id or add the action.',
  },
  'unknown-parameter': {
    severity: 'error',
    summary: "a `with:` key that is not a parameter of the step's action",
    hint: 'Remove the key or fix its spelling; the action lists its parameters.',
  },
  'missing-parameter': {
    severity: 'error',
    summary: 'a required parameter without a default that the step does not set in `with:`',
    hint: "Set the parameter in the step's `with:`, or give it a default in the action.",
  },
  'secret-in-with': {
    severity: 'error',
    summary: 'a step sets a secret parameter in `with:` (the value would live in the repo)',
    hint: 'Remove the value; secret parameters are supplied at run time.',
  },
  'with-type': {
    severity: 'error',
    summary: 'a `with:` value of the wrong type for the parameter',
    hint: "Use a value of the parameter's type (quote numbers meant as strings).",
  },
  'with-enum': {
    severity: 'error',
    summary: "a `with:` value that is not one of the parameter's `enum` values",
    hint: 'Use one of the values the parameter lists.',
  },
  'with-pattern': {
    severity: 'error',
    summary: "a `with:` value that does not match the parameter's `pattern`",
    hint: 'Change the value to match the pattern.',
  },
  'unknown-target': {
    severity: 'error',
    summary: 'a step target the action does not list in its `targets` (the run would be refused)',
    hint: "Add the target to the action or fix the step's target.",
  },
  'step-action-not-released': {
    severity: 'warning',
    summary: 'a released runbook calls an action that is draft, approved or deprecated',
    hint: 'Release the action first, or keep the runbook unreleased.',
  },
  'unreachable-step': {
    severity: 'warning',
    summary: 'the first step has `when: on_failure`, so nothing before it can fail and it never runs',
    hint: 'Use `when: on_success` or `always`, or move the step after the one it handles.',
  },
  'duplicate-step-id': {
    severity: 'error',
    summary: 'two steps of one runbook share an id',
    hint: 'Give each step its own id; step history follows it.',
  },
  // one action
  'duplicate-parameter': {
    severity: 'error',
    summary: 'two parameters of one action share a name',
    hint: 'Rename or remove one of them.',
  },
  'secret-default': {
    severity: 'error',
    summary: 'a secret parameter with a default value (secrets never live in the repo)',
    hint: 'Remove the default; the secret is supplied at run time.',
  },
  'default-enum': {
    severity: 'error',
    summary: 'a parameter default that is not one of its `enum` values',
    hint: 'Make the default one of the listed values.',
  },
  'default-pattern': {
    severity: 'error',
    summary: 'a parameter default that does not match its `pattern`',
    hint: 'Change the default or the pattern.',
  },
  'pattern-invalid': {
    severity: 'error',
    summary: 'a parameter `pattern` that is not a valid (unicode) regular expression',
    hint: 'Fix the regular expression; it is compiled with the `u` flag, like JSON Schema.',
  },
  'pattern-unsupported': {
    severity: 'error',
    summary:
      'a parameter `pattern` the linear-time regex engine cannot run: a backreference, a lookahead or lookbehind, a repeat over 1000',
    hint: 'Rewrite the pattern without backreferences and lookarounds (no user pattern runs on a backtracking engine; see docs/security.md).',
  },
  'pattern-not-string': {
    severity: 'error',
    summary: 'a `pattern` on a parameter that is not a string',
    hint: 'Remove the pattern, or use `enum` or the type to constrain the value.',
  },
  'required-with-default': {
    severity: 'warning',
    summary: 'a parameter both `required: true` and with a default (the default always fills it)',
    hint: 'Drop `required: true` or the default.',
  },
  'schedule-invalid': {
    severity: 'error',
    summary: 'a `schedule` that croner cannot parse, with an unknown time zone, or that never fires',
    hint: 'Use five fields (minute hour day-of-month month day-of-week), or six with seconds first; `timezone` is an IANA name.',
  },
  'duration-invalid': {
    severity: 'error',
    summary:
      'a step `delay` or `repeat.every` that is not an ISO 8601 duration of days, hours, minutes, seconds',
    hint: 'Write it as PT30S, PT5M, PT1H or P1DT2H.',
  },
  'repeat-unbounded': {
    severity: 'error',
    summary: 'a step `repeat` with neither `times` nor `until`',
    hint: 'Add `times: N`, or `until: succeeded` (at most 100 runs unless `times` says otherwise).',
  },
  'expression-invalid': {
    severity: 'error',
    summary:
      'a `${{ … }}` in a step `with` that is not params.NAME, steps.ID.status or steps.ID.exit_code, or names an unknown parameter or a step that does not come earlier',
    hint: 'Declare the parameter under the runbook `parameters`, or refer to an earlier step id (docs/runbooks.md).',
  },
  'secret-expression': {
    severity: 'error',
    summary:
      'a secret runbook parameter passed to an action parameter that is not secret (it would be recorded in clear)',
    hint: 'Mark the action parameter `secret: true`, or do not pass the secret.',
  },
  'script-missing': {
    severity: 'error',
    summary:
      'a `script.file` that does not exist in the same source (work tree, index or commit), or is not a file',
    hint: 'Add the script file (and `git add` it) or fix the path; it is relative to the repo root.',
  },
  'script-escapes': {
    severity: 'error',
    summary: 'a `script.file` that is absolute or leaves the repo with `..`',
    hint: 'Use a path relative to the repo root, e.g. definitions/scripts/NAME.sh.',
  },
  'script-symlink-out': {
    severity: 'error',
    summary: 'a `script.file` that goes through a symbolic link pointing out of the repo',
    hint: 'Copy the script into the repo; what runs must be versioned with the action.',
  },
  // roles
  'scope-matches-nothing': {
    severity: 'warning',
    summary: 'a role scope glob that matches no action id',
    hint: 'Fix the glob or remove it.',
  },
  'unknown-tag': {
    severity: 'warning',
    summary: 'a role scope `tag:NAME` that no action carries',
    hint: 'Fix the tag name or tag the actions it should cover.',
  },
  'scope-unused': {
    severity: 'warning',
    summary:
      'a role with a scope but without `actions:execute` or `admin` (the scope narrows only execution)',
    hint: 'Add `actions:execute` or remove the scope.',
  },
  'duplicate-member': {
    severity: 'warning',
    summary: 'the same email twice in one role, differing only in case (emails compare case-insensitively)',
    hint: 'Keep one of them.',
  },
} as const satisfies Record<string, FindingCode>;

export type FindingCodeName = keyof typeof FINDING_CODES;

/** Where a finding points. */
export interface FindingPlace {
  file: string;
  line: number;
  col: number;
  pointer?: string;
}

/** Make a finding of a catalogued code: severity and default hint come from the catalog. */
export function makeFinding(
  code: FindingCodeName,
  place: FindingPlace,
  message: string,
  hint?: string,
): Finding {
  const entry: FindingCode = FINDING_CODES[code];
  const finding: Finding = {
    code,
    file: place.file,
    line: place.line,
    col: place.col,
    message,
    hint: hint ?? entry.hint,
    severity: entry.severity,
  };
  if (place.pointer !== undefined) finding.pointer = place.pointer;
  return finding;
}
