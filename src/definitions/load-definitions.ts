import path from 'node:path/posix';
import { makeFinding } from './finding-codes.js';
import { checkSchema } from './parse-definition.js';
import { MAX_DEFINITION_BYTES, locatePointer, parseYaml, type ParsedYaml } from './parse-yaml.js';
import { loadSourceValidators } from './load-source-validators.js';
import type { Validators } from './schemas.js';
import { isInside, type DefinitionSource } from './sources/definition-source.js';
import {
  DEFINITION_KINDS,
  KIND_FOLDERS,
  kindOfPath,
  type Definition,
  type DefinitionKind,
  type Finding,
} from './types.js';

/** A schema-valid definition with the parsed document it came from (to locate findings by JSON Pointer). */
export interface LoadedDefinition {
  definition: Definition;
  parsed: ParsedYaml;
}

export interface LoadedDefinitions {
  /** Schema-valid definitions, sorted by path. */
  definitions: LoadedDefinition[];
  /** Ids declared by files that did not load, per kind: references to them are not reported a second time. */
  brokenIds: Record<DefinitionKind, Set<string>>;
  /** Every definition file looked at (loaded or not), sorted. */
  files: string[];
  /** Per-file findings: YAML, schema, place. */
  findings: Finding[];
}

export interface LoadOptions {
  /** Repo-relative folder holding actions/, runbooks/, roles/ and schema/ (config `paths.definitions`). */
  definitionsDir?: string;
  /** Schema validators; by default the source's own `<definitionsDir>/schema/`, else the shipped copy. */
  validators?: Validators;
}

/** Folders under the definitions folder that hold no definitions. */
const NON_DEFINITION_FOLDERS = ['schema', 'scripts'];

/**
 * Load every definition of a source: list `<definitionsDir>`, read all files in one batch, parse and schema-check
 * each one. Never throws for bad files: they come back as findings, and the good ones as definitions.
 */
export async function loadDefinitions(
  source: DefinitionSource,
  options: LoadOptions = {},
): Promise<LoadedDefinitions> {
  const definitionsDir = options.definitionsDir ?? 'definitions';
  const findings: Finding[] = [];
  let validators = options.validators;
  if (!validators) {
    const loaded = await loadSourceValidators(source, definitionsDir);
    validators = loaded.validators;
    findings.push(...loaded.findings);
  }
  const entries = await source.list(definitionsDir);
  const candidates: { path: string; kind: DefinitionKind }[] = [];
  for (const entry of entries) {
    const kind = kindOfPath(entry.path, definitionsDir);
    if (kind === null) {
      if (isStrayYaml(entry.path, definitionsDir)) {
        findings.push(
          makeFinding(
            'unknown-location',
            { file: entry.path, line: 1, col: 1 },
            `${entry.path} is not under ${DEFINITION_KINDS.map((k) => `${definitionsDir}/${KIND_FOLDERS[k]}/`).join(', ')}; it is not loaded`,
          ),
        );
      }
      continue;
    }
    if (entry.type === 'unmerged') {
      findings.push(
        makeFinding(
          'unmerged',
          { file: entry.path, line: 1, col: 1 },
          `${entry.path} has an unresolved merge conflict`,
        ),
      );
    } else if (entry.type === 'symlink') {
      findings.push(
        makeFinding(
          'definition-symlink',
          { file: entry.path, line: 1, col: 1 },
          `${entry.path} is a symbolic link`,
        ),
      );
    } else if (entry.type === 'file') {
      candidates.push({ path: entry.path, kind });
    }
  }
  const contents = await source.read(
    candidates.map((c) => c.path),
    MAX_DEFINITION_BYTES,
  );
  const result: LoadedDefinitions = {
    definitions: [],
    brokenIds: { action: new Set(), runbook: new Set(), role: new Set() },
    files: candidates.map((c) => c.path),
    findings,
  };
  for (const { path: file, kind } of candidates) {
    const content = contents.get(file);
    if (!content) continue;
    const loaded = loadOne(content.bytes ?? content.size, file, kind, validators);
    if (loaded.ok) result.definitions.push(loaded.value);
    else {
      findings.push(...loaded.findings);
      if (loaded.id !== undefined) result.brokenIds[kind].add(loaded.id);
    }
    if (loaded.ok) findings.push(...checkFileName(loaded.value));
  }
  return result;
}

type LoadOne = { ok: true; value: LoadedDefinition } | { ok: false; findings: Finding[]; id?: string };

function loadOne(
  bytesOrSize: Buffer | number,
  file: string,
  kind: DefinitionKind,
  validators: Validators,
): LoadOne {
  if (typeof bytesOrSize === 'number') {
    return {
      ok: false,
      findings: [
        makeFinding(
          'file-too-large',
          { file, line: 1, col: 1 },
          `file is ${bytesOrSize} bytes, over the ${MAX_DEFINITION_BYTES}-byte limit`,
        ),
      ],
    };
  }
  const parsed = parseYaml(bytesOrSize, file);
  if (!parsed.ok) return { ok: false, findings: parsed.findings };
  const value = parsed.parsed.value;
  const id = isRecord(value) && typeof value.id === 'string' ? value.id : undefined;
  const guessed = guessKind(value);
  if (guessed !== null && guessed !== kind) {
    const at = locatePointer(parsed.parsed, '');
    return {
      ok: false,
      id,
      findings: [
        makeFinding(
          'wrong-folder',
          { file, ...at },
          `${file} looks like a ${guessed} but sits in the ${KIND_FOLDERS[kind]}/ folder`,
          `Move it to the ${KIND_FOLDERS[guessed]}/ folder of the definitions.`,
        ),
      ],
    };
  }
  const schemaFindings = checkSchema(parsed.parsed, file, validators[kind]);
  if (schemaFindings.length > 0) return { ok: false, id, findings: schemaFindings };
  const definition = { kind, path: file, value } as Definition;
  return { ok: true, value: { definition, parsed: parsed.parsed } };
}

/** The kind a document's shape says it is: steps → runbook, members/permissions → role, script → action. */
export function guessKind(value: unknown): DefinitionKind | null {
  if (!isRecord(value)) return null;
  if (Array.isArray(value.steps) && !('script' in value)) return 'runbook';
  if (('members' in value || 'permissions' in value) && !('script' in value) && !('steps' in value)) {
    return 'role';
  }
  if (isRecord(value.script) && !('steps' in value)) return 'action';
  return null;
}

function checkFileName(loaded: LoadedDefinition): Finding[] {
  const { definition, parsed } = loaded;
  const base = path.basename(definition.path).replace(/\.ya?ml$/i, '');
  if (base === definition.value.id) return [];
  return [
    makeFinding(
      'id-filename-mismatch',
      { file: definition.path, ...locatePointer(parsed, '/id'), pointer: '/id' },
      `id "${definition.value.id}" differs from the file name ${path.basename(definition.path)}`,
    ),
  ];
}

function isStrayYaml(file: string, definitionsDir: string): boolean {
  if (!/\.ya?ml$/i.test(file)) return false;
  return !NON_DEFINITION_FOLDERS.some((folder) => isInside(file, `${definitionsDir}/${folder}`));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
