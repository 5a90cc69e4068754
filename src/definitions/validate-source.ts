import path from 'node:path/posix';
import { checkDefinitions } from './check-definitions.js';
import { checkScripts } from './check-scripts.js';
import { makeFinding } from './finding-codes.js';
import { loadDefinitions, type LoadedDefinition } from './load-definitions.js';
import { loadSourceValidators } from './load-source-validators.js';
import { checkSchema } from './parse-definition.js';
import { MAX_DEFINITION_BYTES, parseYaml } from './parse-yaml.js';
import { compileValidators, type Validators } from './schemas.js';
import { isInside, type DefinitionSource } from './sources/definition-source.js';
import type { Finding } from './types.js';

/** The repo configuration file, validated with the definitions. */
export const CONFIG_PATH = 'opsledger.yaml';

export interface ValidationReport {
  source: { kind: DefinitionSource['kind']; label: string; rev?: string };
  /** Where the rules came from when they were not the source itself (`--rules-from`): a commit, or opsledger's defaults. */
  rules?: { label: string; rev?: string };
  /** Definitions folder used (config `paths.definitions` of the rules). */
  definitionsDir: string;
  /** Tracked branch named by the rules' opsledger.yaml (default main). */
  branch: string;
  /** Findings in the requested paths, sorted by file, line, column and code. */
  findings: Finding[];
  /** Files checked in the requested paths: definition files and opsledger.yaml when present. */
  files: string[];
  /** Schema-valid definitions in the requested paths. */
  definitions: LoadedDefinition[];
  counts: { errors: number; warnings: number; files: number };
}

export interface ValidateOptions {
  /** Repo-relative paths (files or folders) to report on; '' or none means the whole repo. */
  paths?: readonly string[];
  /**
   * Judge the source by another source's rules (`validate --rules-from`, the pre-receive hook): its opsledger.yaml
   * (definitions folder, tracked branch) and its JSON Schemas. `'shipped'` means opsledger's defaults and schemas.
   * The checked source's own opsledger.yaml and schema files are then content, never rules. See docs/security.md.
   */
  rules?: DefinitionSource | 'shipped';
}

/** The rules a source is judged by: its definitions folder, tracked branch and compiled schemas. */
export interface Rules {
  definitionsDir: string;
  branch: string;
  validators: Validators;
}

/**
 * Validate a source: its opsledger.yaml, every definition file, the cross-file rules and the script files. Rules
 * always see the whole repo (a runbook may call an action anywhere); `paths` only narrows what is reported.
 */
export async function validateSource(
  source: DefinitionSource,
  options: ValidateOptions = {},
): Promise<ValidationReport> {
  const config = await readConfig(
    source,
    options.rules === undefined ? undefined : await readRules(options.rules),
  );
  const { rules } = config;
  // A checked source that moves the definitions folder has its definitions in both places checked by the rules,
  // so moving them cannot hide them until the next push.
  const dirs = [...new Set([rules.definitionsDir, config.ownDefinitionsDir])];
  const loads = await Promise.all(
    dirs.map((definitionsDir) => loadDefinitions(source, { definitionsDir, validators: rules.validators })),
  );
  const definitions = loads.flatMap((loaded) => loaded.definitions);
  const all = [
    ...config.findings,
    ...config.schemaFindings,
    ...loads.flatMap((loaded) => [...loaded.findings, ...checkDefinitions(loaded)]),
    ...(await checkScripts(definitions, source)),
  ];
  const scopes = options.paths && options.paths.length > 0 ? options.paths : [''];
  const inScope = (file: string): boolean => scopes.some((scope) => isInside(file, scope));
  const findings = dedupe(all.filter((f) => inScope(f.file))).sort(compareFindings);
  const files = [
    ...new Set([...(config.present ? [CONFIG_PATH] : []), ...loads.flatMap((loaded) => loaded.files)]),
  ].filter(inScope);
  const errors = findings.filter((f) => f.severity === 'error').length;
  const rulesFrom = options.rules;
  return {
    source: { kind: source.kind, label: source.label, ...(source.rev ? { rev: source.rev } : {}) },
    ...(rulesFrom === undefined
      ? {}
      : {
          rules:
            rulesFrom === 'shipped'
              ? { label: 'opsledger defaults' }
              : { label: rulesFrom.label, ...(rulesFrom.rev ? { rev: rulesFrom.rev } : {}) },
        }),
    definitionsDir: rules.definitionsDir,
    branch: rules.branch,
    findings,
    files,
    definitions: dedupeDefinitions(definitions).filter((d) => inScope(d.definition.path)),
    counts: { errors, warnings: findings.length - errors, files: files.length },
  };
}

const DEFAULT_RULES = { definitionsDir: 'definitions', branch: 'main' };

/**
 * The rules a source (or opsledger's defaults) sets: its opsledger.yaml's definitions folder and tracked branch, and
 * its schemas. An invalid opsledger.yaml or schema in the rules falls back to the defaults, as it does for the source
 * itself; its findings are not reported here (they were judged when they were pushed).
 */
export async function readRules(from: DefinitionSource | 'shipped'): Promise<Rules> {
  if (from === 'shipped') return { ...DEFAULT_RULES, validators: compileValidators({}).validators };
  const config = await readConfig(from);
  return config.rules;
}

interface ConfigReading {
  present: boolean;
  /** The rules in force: the source's own, or the ones given. */
  rules: Rules;
  /** The definitions folder the source's own opsledger.yaml names (when it is valid by the rules). */
  ownDefinitionsDir: string;
  findings: Finding[];
  /** Findings about the source's own schema files (only when they are the rules). */
  schemaFindings: Finding[];
}

/** Read a source's opsledger.yaml, check it by the given rules (or by its own schemas), and settle the rules. */
async function readConfig(source: DefinitionSource, given?: Rules): Promise<ConfigReading> {
  const fallbackDir = given?.definitionsDir ?? DEFAULT_RULES.definitionsDir;
  const settle = async (
    present: boolean,
    findings: Finding[],
    value?: { branch?: string; definitionsDir?: string },
  ): Promise<ConfigReading> => {
    const ownDefinitionsDir = value?.definitionsDir ?? fallbackDir;
    if (given) return { present, rules: given, ownDefinitionsDir, findings, schemaFindings: [] };
    const definitionsDir = value?.definitionsDir ?? DEFAULT_RULES.definitionsDir;
    const schema = await loadSourceValidators(source, definitionsDir);
    const rules = {
      definitionsDir,
      branch: value?.branch ?? DEFAULT_RULES.branch,
      validators: schema.validators,
    };
    return { present, rules, ownDefinitionsDir, findings, schemaFindings: schema.findings };
  };
  const content = (await source.read([CONFIG_PATH], MAX_DEFINITION_BYTES)).get(CONFIG_PATH);
  if (!content) return settle(false, []);
  if (!content.bytes) {
    const message = `file is ${content.size} bytes, over the ${MAX_DEFINITION_BYTES}-byte limit`;
    return settle(true, [makeFinding('file-too-large', { file: CONFIG_PATH, line: 1, col: 1 }, message)]);
  }
  const parsed = parseYaml(content.bytes, CONFIG_PATH);
  if (!parsed.ok) return settle(true, parsed.findings);
  // The file is checked by the rules' config schema, or, without given rules, by the source's own.
  const validators =
    given?.validators ?? (await loadSourceValidators(source, DEFAULT_RULES.definitionsDir)).validators;
  const findings = checkSchema(parsed.parsed, CONFIG_PATH, validators.config);
  if (findings.length > 0) return settle(true, findings);
  const value = (parsed.parsed.value ?? {}) as { branch?: string; paths?: { definitions?: string } };
  const dir = path.normalize(value.paths?.definitions ?? DEFAULT_RULES.definitionsDir).replace(/\/+$/, '');
  const definitionsDir = dir.startsWith('..') || dir.startsWith('/') || dir === '.' ? undefined : dir;
  return settle(true, [], {
    ...(value.branch === undefined ? {} : { branch: value.branch }),
    ...(definitionsDir === undefined ? {} : { definitionsDir }),
  });
}

function compareFindings(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  if (a.col !== b.col) return a.col - b.col;
  if (a.code !== b.code) return a.code < b.code ? -1 : 1;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.file}:${f.line}:${f.col}:${f.code}:${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** One definition per file: two folders checked at once may overlap. */
function dedupeDefinitions(definitions: LoadedDefinition[]): LoadedDefinition[] {
  const seen = new Set<string>();
  return definitions.filter((d) => {
    if (seen.has(d.definition.path)) return false;
    seen.add(d.definition.path);
    return true;
  });
}
