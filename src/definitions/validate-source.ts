import path from 'node:path/posix';
import { checkDefinitions } from './check-definitions.js';
import { checkScripts } from './check-scripts.js';
import { makeFinding } from './finding-codes.js';
import { loadDefinitions, type LoadedDefinition } from './load-definitions.js';
import { loadSourceValidators } from './load-source-validators.js';
import { checkSchema } from './parse-definition.js';
import { MAX_DEFINITION_BYTES, parseYaml } from './parse-yaml.js';
import { isInside, type DefinitionSource } from './sources/definition-source.js';
import type { Finding } from './types.js';

/** The repo configuration file, validated with the definitions. */
export const CONFIG_PATH = 'opsledger.yaml';

export interface ValidationReport {
  source: { kind: DefinitionSource['kind']; label: string; rev?: string };
  /** Definitions folder used (config `paths.definitions`). */
  definitionsDir: string;
  /** Tracked branch named by the source's opsledger.yaml (default main). */
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
}

/**
 * Validate a source: its opsledger.yaml, every definition file, the cross-file rules and the script files. Rules
 * always see the whole repo (a runbook may call an action anywhere); `paths` only narrows what is reported.
 */
export async function validateSource(
  source: DefinitionSource,
  options: ValidateOptions = {},
): Promise<ValidationReport> {
  const config = await readConfig(source);
  const schema = await loadSourceValidators(source, config.definitionsDir);
  const loaded = await loadDefinitions(source, {
    definitionsDir: config.definitionsDir,
    validators: schema.validators,
  });
  const all = [
    ...config.findings,
    ...schema.findings,
    ...loaded.findings,
    ...checkDefinitions(loaded),
    ...(await checkScripts(loaded.definitions, source)),
  ];
  const scopes = options.paths && options.paths.length > 0 ? options.paths : [''];
  const inScope = (file: string): boolean => scopes.some((scope) => isInside(file, scope));
  const findings = dedupe(all.filter((f) => inScope(f.file))).sort(compareFindings);
  const files = [...(config.present ? [CONFIG_PATH] : []), ...loaded.files].filter(inScope);
  const errors = findings.filter((f) => f.severity === 'error').length;
  return {
    source: { kind: source.kind, label: source.label, ...(source.rev ? { rev: source.rev } : {}) },
    definitionsDir: config.definitionsDir,
    branch: config.branch,
    findings,
    files,
    definitions: loaded.definitions.filter((d) => inScope(d.definition.path)),
    counts: { errors, warnings: findings.length - errors, files: files.length },
  };
}

async function readConfig(source: DefinitionSource): Promise<{
  present: boolean;
  definitionsDir: string;
  branch: string;
  findings: Finding[];
}> {
  const fallback = { definitionsDir: 'definitions', branch: 'main' };
  const content = (await source.read([CONFIG_PATH], MAX_DEFINITION_BYTES)).get(CONFIG_PATH);
  if (!content) return { present: false, ...fallback, findings: [] };
  if (!content.bytes) {
    const message = `file is ${content.size} bytes, over the ${MAX_DEFINITION_BYTES}-byte limit`;
    const tooLarge = makeFinding('file-too-large', { file: CONFIG_PATH, line: 1, col: 1 }, message);
    return { present: true, ...fallback, findings: [tooLarge] };
  }
  const parsed = parseYaml(content.bytes, CONFIG_PATH);
  if (!parsed.ok) return { present: true, ...fallback, findings: parsed.findings };
  const { validators } = await loadSourceValidators(source, fallback.definitionsDir);
  const findings = checkSchema(parsed.parsed, CONFIG_PATH, validators.config);
  if (findings.length > 0) return { present: true, ...fallback, findings };
  const value = (parsed.parsed.value ?? {}) as { branch?: string; paths?: { definitions?: string } };
  const dir = path.normalize(value.paths?.definitions ?? fallback.definitionsDir).replace(/\/+$/, '');
  const definitionsDir =
    dir.startsWith('..') || dir.startsWith('/') || dir === '.' ? fallback.definitionsDir : dir;
  return { present: true, definitionsDir, branch: value.branch ?? fallback.branch, findings: [] };
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
