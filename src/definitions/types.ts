/** The definition kinds of docs/definitions.md, and their folder under definitions/. */
export const DEFINITION_KINDS = ['action', 'runbook', 'role'] as const;
export type DefinitionKind = (typeof DEFINITION_KINDS)[number];

export const KIND_FOLDERS: Record<DefinitionKind, string> = {
  action: 'actions',
  runbook: 'runbooks',
  role: 'roles',
};

/** A definition id (docs/definitions.md): the one source of the pattern; the shipped JSON Schemas repeat it. */
/** The id without anchors, for patterns that contain an id (trailers, `runbook/step`). */
export const DEFINITION_ID_BODY = '[a-z0-9][a-z0-9-]{0,62}';
export const DEFINITION_ID_PATTERN = `^${DEFINITION_ID_BODY}$`;
export const DEFINITION_ID = new RegExp(DEFINITION_ID_PATTERN);

/** A target name (docs/definitions.md): one source of the pattern, like the id's; the shipped JSON Schemas repeat it. */
export const TARGET_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,252}$';
export const TARGET = new RegExp(TARGET_PATTERN);

/** A parameter name (docs/definitions.md), as an action declares it and `--param`, the API and `params.NAME` give it. */
export const PARAMETER_NAME_PATTERN = '^[A-Za-z_][A-Za-z0-9_]{0,63}$';
export const PARAMETER_NAME = new RegExp(PARAMETER_NAME_PATTERN);

/** What the audit log calls each kind of object (docs/history.md), and the kind whose file holds it. */
export const AUDITABLE_TYPES = ['Action', 'Runbook', 'Runbook::Step', 'Role'] as const;
export type AuditableType = (typeof AUDITABLE_TYPES)[number];
export const KIND_OF_TYPE: Record<AuditableType, DefinitionKind> = {
  Action: 'action',
  Runbook: 'runbook',
  'Runbook::Step': 'runbook',
  Role: 'role',
};
/** The history index's file (record) an event is stored in: a step's events live with its runbook. */
export function fileKeyOf(type: string, auditableId: string): [DefinitionKind, string] {
  if (type === 'Runbook::Step') return ['runbook', auditableId.split('/')[0]!];
  if (type === 'Runbook') return ['runbook', auditableId];
  if (type === 'Role') return ['role', auditableId];
  return ['action', auditableId];
}
/** The type of a whole definition of each kind (a runbook's steps are `Runbook::Step`). */
export const TYPE_OF_KIND: Record<DefinitionKind, AuditableType> = {
  action: 'Action',
  runbook: 'Runbook',
  role: 'Role',
};

/** A definition's approval status (docs/definitions.md), in its lifecycle's order; the shipped JSON Schemas repeat it. */
export const DEFINITION_STATUSES = ['draft', 'approved', 'released', 'deprecated'] as const;
export type Status = (typeof DEFINITION_STATUSES)[number];
export type ParameterType = 'string' | 'integer' | 'number' | 'boolean';
export type Scalar = string | number | boolean;

export interface Parameter {
  name: string;
  type: ParameterType;
  required?: boolean;
  default?: Scalar;
  enum?: Scalar[];
  pattern?: string;
  secret?: boolean;
  description?: string;
}

export interface Action {
  id: string;
  name: string;
  description?: string;
  owner: string;
  tags?: string[];
  status: Status;
  script: { shell: 'bash' | 'sh' | 'node' | 'python' | 'pwsh'; inline?: string; file?: string };
  parameters?: Parameter[];
  targets?: string[];
  credential?: string;
  timeout?: number;
  concurrency?: number;
  /** docs/schedules.md: a cron string (UTC) or `{ cron, timezone }`. */
  schedule?: ScheduleField;
  catch_up?: 'none' | 'latest';
  overlap?: 'allow' | 'skip' | 'queue';
}

export type ScheduleField = string | { cron: string; timezone?: string };

export interface RunbookStep {
  id: string;
  name: string;
  description?: string;
  action: string;
  with?: Record<string, Scalar>;
  targets?: string[];
  when?: 'on_success' | 'on_failure' | 'always';
  automatic?: boolean;
  timeout?: number;
  /** ISO 8601 duration to wait before the step starts (docs/runbooks.md). */
  delay?: string;
  repeat?: { every: string; times?: number; until?: 'succeeded' };
}

export interface Runbook {
  id: string;
  name: string;
  description?: string;
  owner: string;
  tags?: string[];
  status: Status;
  parameters?: Parameter[];
  steps: RunbookStep[];
  schedule?: ScheduleField;
  catch_up?: 'none' | 'latest';
  overlap?: 'allow' | 'skip' | 'queue';
}

export const PERMISSIONS = [
  'definitions:modify',
  'definitions:approve',
  'actions:execute',
  'executions:read:own',
  'executions:read:all',
  'audit:read',
  'reports:read',
  'admin',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export interface Role {
  id: string;
  description?: string;
  members: string[];
  permissions: Permission[];
  scope?: { actions?: string[] };
}

export type DefinitionBody = Action | Runbook | Role;

/** A definition read from one file: its kind, repo-relative path (posix) and parsed, schema-valid content. */
export type Definition =
  | { kind: 'action'; path: string; value: Action }
  | { kind: 'runbook'; path: string; value: Runbook }
  | { kind: 'role'; path: string; value: Role };

/** One problem found in a definition file, located for `file:line:col` output. */
export interface Finding {
  code: string;
  file: string;
  line: number;
  col: number;
  message: string;
  hint: string;
  /** JSON Pointer of the offending node inside the document, when there is one. */
  pointer?: string;
  severity: 'error' | 'warning';
}

/** The kind a repo-relative path belongs to by its folder, or null when it is not a definition file. */
export function kindOfPath(relPath: string, definitionsDir = 'definitions'): DefinitionKind | null {
  const p = relPath.includes('\\') ? relPath.replace(/\\/g, '/') : relPath;
  if (!/\.ya?ml$/i.test(p)) return null;
  for (const [kind, prefix] of kindPrefixes(definitionsDir)) {
    if (p.startsWith(prefix)) return kind;
  }
  return null;
}

// History asks this for every changed path of every commit: the folder prefixes are built once per definitions dir.
const prefixesByDir = new Map<string, [DefinitionKind, string][]>();
function kindPrefixes(definitionsDir: string): [DefinitionKind, string][] {
  let prefixes = prefixesByDir.get(definitionsDir);
  if (!prefixes) {
    prefixes = DEFINITION_KINDS.map((kind) => [kind, `${definitionsDir}/${KIND_FOLDERS[kind]}/`]);
    prefixesByDir.set(definitionsDir, prefixes);
  }
  return prefixes;
}
