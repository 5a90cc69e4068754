import {
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  mkdirSync,
  type BigIntStats,
} from 'node:fs';
import path from 'node:path';
import { stampable, statKey } from '../history/verified-stamps.js';
import { PACKAGE_ROOT, PACKAGE_VERSION } from '../package/package-root.js';

/** The config schema's file name, in a repo's `definitions/schema/` and in the package's. */
export const CONFIG_SCHEMA_FILE = 'config.schema.json';

/**
 * opsledger.yaml checked once, then trusted by its stat (docs/configuration.md, *Checked once*): parsing the YAML and
 * compiling the config schema with Ajv cost every command ~0.25 s of CPU, most of a warm `opsledger history`. A config
 * that parsed and matched its schema is kept, as the parsed value, under the stats (device, inode, size, modification
 * and change times in ns) of the file and of the schema it was checked against (the repo's own, or none and the
 * package's), the package's version and Node's. A later start whose files have exactly those stats takes the value
 * without reading them. Anything else — an edit, a new schema, another release — means the full check; nothing that
 * changed less than 2 s before the check is kept (git's "racily clean" rule, as for the history index's files); a bad
 * config is never kept, so its error is found and shown every time.
 */
export interface CheckedConfig {
  /** The value kept for these files, or undefined: check them. */
  kept(): unknown;
  /** Keep `value`, the config the files gave when their check began at `startedMs` (when they are not racily new). */
  keep(value: unknown, startedMs: number): void;
}

/** At most this many configs are kept (one per repo and schema: the newest). */
const MAX_KEPT = 32;

/** The kept configs of the repo at `repo` (none when the cache is off or a stat fails). */
export function checkedConfig(repo: string, file: string): CheckedConfig {
  const dir = cacheDir();
  const stats = dir === undefined ? undefined : statsOf(repo, file);
  const key = stats && JSON.stringify([file, ...stats.map((s) => (s ? statKey(s) : null))]);
  const store = dir && path.join(dir, 'config-checked.json');
  return {
    kept() {
      if (!store || !key) return undefined;
      return readKept(store).get(key);
    },
    keep(value, startedMs) {
      if (!store || !key || !stats || !isJson(value)) return;
      if (!stats.every((s) => s === null || stampable(s, startedMs))) return;
      const table = readKept(store);
      table.delete(key);
      table.set(key, value);
      writeKept(store, [...table].slice(-MAX_KEPT));
    },
  };
}

/** The stats the check depends on: opsledger.yaml, the repo's config schema (null: none), the package's schema. */
function statsOf(repo: string, file: string): (BigIntStats | null)[] | undefined {
  try {
    const stat = (f: string) => statSync(f, { bigint: true, throwIfNoEntry: false }) ?? null;
    const config = stat(file);
    const shipped = stat(path.join(PACKAGE_ROOT, 'definitions/schema', CONFIG_SCHEMA_FILE));
    if (!config || !shipped) return undefined;
    return [config, stat(path.join(repo, 'definitions/schema', CONFIG_SCHEMA_FILE)), shipped];
  } catch {
    return undefined;
  }
}

/**
 * Beside the bin's V8 code cache: `node_modules/.cache/opsledger/` of the installation, or OPSLEDGER_CODE_CACHE_DIR
 * (`off`: no cache; docs/cli.md). One file per release and Node version: another one starts with none.
 */
function cacheDir(): string | undefined {
  const chosen = process.env.OPSLEDGER_CODE_CACHE_DIR;
  if (chosen === 'off') return undefined;
  const parent = path.dirname(PACKAGE_ROOT);
  const base =
    chosen ||
    (path.basename(parent) === 'node_modules'
      ? path.join(parent, '.cache/opsledger')
      : path.join(PACKAGE_ROOT, 'node_modules/.cache/opsledger'));
  return path.join(base, `config-${PACKAGE_VERSION}-${process.version}`);
}

function readKept(store: string): Map<string, unknown> {
  try {
    const parsed = JSON.parse(readFileSync(store, 'utf8')) as { format?: unknown; kept?: unknown };
    if (parsed.format === 1 && Array.isArray(parsed.kept))
      return new Map(
        (parsed.kept as unknown[]).filter(
          (e): e is [string, unknown] => Array.isArray(e) && e.length === 2 && typeof e[0] === 'string',
        ),
      );
  } catch {
    // none kept, or unreadable: every config is checked
  }
  return new Map();
}

/** Atomically (a reader sees the old file or the new one); a failure (a read-only installation) costs the cache. */
function writeKept(store: string, kept: [string, unknown][]): void {
  const tmp = `${store}.${process.pid}.tmp`;
  try {
    mkdirSync(path.dirname(store), { recursive: true, mode: 0o700 });
    writeFileSync(tmp, JSON.stringify({ format: 1, kept }), { mode: 0o600 });
    renameSync(tmp, store);
  } catch {
    rmSync(tmp, { force: true });
  }
}

/** Whether `value` comes back equal from JSON (YAML can give what JSON cannot: such a config is not kept). */
function isJson(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every(isJson);
  if (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return false;
  return Object.entries(value).every(([k, v]) => k !== '__proto__' && isJson(v));
}
