import { adminRole, configTemplate, preCommitConfig, actionSkeleton } from './scaffold-templates.js';
import { pinWorkflowVersion } from './github-workflow.js';

/** How a planned file meets what is already there. */
export type MergeRule =
  /** opsledger's file: created when absent, left alone (and reported) when the user's differs. */
  | 'own'
  /** Lines appended when missing (.gitignore): the user's lines are never changed. */
  | 'append-lines'
  /** Top-level keys added to a JSON object when missing (.vscode/settings.json); an existing key is the user's. */
  | 'json-merge';

export interface PlannedFile {
  path: string;
  content: string;
  rule: MergeRule;
}

export type FileStatus = 'create' | 'unchanged' | 'update' | 'kept' | 'replace';

export interface FileOutcome {
  path: string;
  status: FileStatus;
  /** What the file will hold (absent for unchanged and kept). */
  content?: string;
  /** What it holds now (for kept and replace: to show the difference). */
  previous?: string;
  /** Why a file is kept, for the user. */
  note?: string;
}

export interface InitInput {
  /** The admin's email (git config user.email). */
  email: string;
  version: string;
  repoUrl: string;
  /** The shipped schemas: file name → text. */
  schemas: Record<string, string>;
  hooks: 'git' | 'pre-commit-framework' | 'none';
  github: boolean;
  /** The shipped workflow templates (docs/workflows/): file name → text; written with `github`. */
  workflows?: Record<string, string>;
  /** Whether the repo already has actions / roles (then no example action / admin role is added). */
  hasActions: boolean;
  hasRoles: boolean;
  dataDir: string;
}

export const EXAMPLE_ACTION = 'definitions/actions/hello-world.yaml';
export const ADMIN_ROLE = 'definitions/roles/admins.yaml';

/** Every file `opsledger init` would write into a repo, before looking at what is there. Pure. */
export function planInit(input: InitInput): PlannedFile[] {
  const files: PlannedFile[] = [];
  const own = (path: string, content: string) => files.push({ path, content, rule: 'own' });
  for (const [name, text] of Object.entries(input.schemas).sort(([a], [b]) => a.localeCompare(b))) {
    own(`definitions/schema/${name}`, text);
  }
  if (!input.hasActions) own(EXAMPLE_ACTION, actionSkeleton('hello-world', input.email, 'released'));
  own('definitions/runbooks/.gitkeep', '');
  if (!input.hasRoles) own(ADMIN_ROLE, adminRole(input.email));
  own('opsledger.yaml', configTemplate());
  files.push({
    path: '.gitignore',
    content: `${input.dataDir.replace(/\/?$/, '/')}\n`,
    rule: 'append-lines',
  });
  files.push({ path: '.vscode/settings.json', content: vscodeSettings(), rule: 'json-merge' });
  if (input.hooks === 'pre-commit-framework') {
    own('.pre-commit-config.yaml', preCommitConfig(input.repoUrl, input.version));
  }
  if (input.github) {
    for (const [name, text] of Object.entries(input.workflows ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)))
      own(`.github/workflows/${name}`, pinWorkflowVersion(text, input.version));
  }
  return files;
}

/** Judge one planned file against the repo's current text (null: absent). `force` replaces a user's own file. */
export function judgeFile(planned: PlannedFile, current: string | null, force: boolean): FileOutcome {
  const { path } = planned;
  if (current === null) return { path, status: 'create', content: planned.content };
  if (planned.rule === 'append-lines') {
    const have = new Set(current.split(/\r?\n/).map((l) => l.trim()));
    const missing = planned.content.split('\n').filter((l) => l.trim() !== '' && !have.has(l.trim()));
    if (missing.length === 0) return { path, status: 'unchanged' };
    const sep = current === '' || current.endsWith('\n') ? '' : '\n';
    return { path, status: 'update', content: `${current}${sep}${missing.join('\n')}\n`, previous: current };
  }
  if (planned.rule === 'json-merge') return mergeJson(planned, current, force);
  if (current === planned.content) return { path, status: 'unchanged' };
  if (force) return { path, status: 'replace', content: planned.content, previous: current };
  return {
    path,
    status: 'kept',
    previous: current,
    content: planned.content,
    note: `yours differs from opsledger's; --force ${path} replaces it`,
  };
}

function mergeJson(planned: PlannedFile, current: string, force: boolean): FileOutcome {
  const { path } = planned;
  const ours = JSON.parse(planned.content) as Record<string, unknown>;
  let theirs: unknown;
  try {
    theirs = JSON.parse(current);
  } catch {
    // JSON with comments (VS Code allows them) is not ours to rewrite.
    if (force) return { path, status: 'replace', content: planned.content, previous: current };
    return {
      path,
      status: 'kept',
      previous: current,
      content: planned.content,
      note: `not plain JSON; add the "yaml.schemas" mapping by hand, or --force ${path}`,
    };
  }
  if (theirs === null || typeof theirs !== 'object' || Array.isArray(theirs)) {
    return { path, status: 'kept', previous: current, content: planned.content, note: 'not a JSON object' };
  }
  const merged = { ...(theirs as Record<string, unknown>) };
  const clashes: string[] = [];
  for (const [key, value] of Object.entries(ours)) {
    if (!(key in merged)) merged[key] = value;
    else if (JSON.stringify(merged[key]) !== JSON.stringify(value)) {
      if (force) merged[key] = value;
      else clashes.push(key);
    }
  }
  if (clashes.length > 0) {
    return {
      path,
      status: 'kept',
      previous: current,
      content: `${JSON.stringify({ ...merged, ...ours }, null, 2)}\n`,
      note: `"${clashes.join('", "')}" already set; --force ${path} sets opsledger's value`,
    };
  }
  const content = `${JSON.stringify(merged, null, 2)}\n`;
  if (JSON.stringify(merged) === JSON.stringify(theirs)) return { path, status: 'unchanged' };
  return { path, status: 'update', content, previous: current };
}

/** VS Code's YAML extension: which schema checks which files (the modelines do the same per file). */
function vscodeSettings(): string {
  return `${JSON.stringify(
    {
      'yaml.schemas': {
        './definitions/schema/action.schema.json': 'definitions/actions/**/*.yaml',
        './definitions/schema/runbook.schema.json': 'definitions/runbooks/**/*.yaml',
        './definitions/schema/role.schema.json': 'definitions/roles/**/*.yaml',
        './definitions/schema/config.schema.json': 'opsledger.yaml',
      },
    },
    null,
    2,
  )}\n`;
}
