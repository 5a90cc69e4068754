import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FromSchema } from 'json-schema-to-ts';
import { OpsledgerError } from '../errors/opsledger-error.js';
import { isAbsent } from '../state/is-absent.js';
import { applySchemaDefaults } from './apply-schema-defaults.js';
import { checkedConfig } from './checked-config.js';
import { CONFIG_SCHEMA } from './config-schema.js';

/**
 * The loaded opsledger.yaml, every default filled in. Derived from the schema (config-schema.ts): a key with a
 * `default` there is always set here, one without is optional. Never restate a key in this file.
 */
export type OpsledgerConfig = FromSchema<typeof CONFIG_SCHEMA>;

/** The `retention` section (docs/executions.md). */
export type RetentionConfig = OpsledgerConfig['retention'];

/** The GitHub repository and the App mode of serve (docs/github.md); `remote` defaults to `origin`. */
export interface GithubConfig {
  owner?: string;
  repo?: string;
  api_url?: string;
  remote: string;
  app_id?: number | string;
  private_key_env?: string;
  token_env?: string;
  webhook_secret_env?: string;
  /** GitHub login → the email role files name. */
  github_logins?: Record<string, string>;
}

/** One outgoing webhook (docs/alerts.md). */
export type WebhookConfig = OpsledgerConfig['webhooks'][number];

/** Express's `trust proxy`: off, on, a hop count, or proxy addresses/subnets (docs/api.md). */
export type TrustProxy = OpsledgerConfig['server']['trust_proxy'];

export const CONFIG_FILE = 'opsledger.yaml';

/**
 * The configuration with every default of the schema filled in; `raw` is the parsed, schema-valid opsledger.yaml
 * (or {}). Tests pass a partial config; nested sections are filled key by key.
 */
export function withDefaults(raw: ConfigInput = {}): OpsledgerConfig {
  return applySchemaDefaults(CONFIG_SCHEMA, raw) as OpsledgerConfig;
}

/** What opsledger.yaml may hold: the schema's keys, each optional at every depth. */
export type ConfigInput = DeepPartial<
  FromSchema<typeof CONFIG_SCHEMA, { keepDefaultedPropertiesOptional: true }>
>;
type DeepPartial<T> = T extends readonly (infer U)[]
  ? DeepPartial<U>[]
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/** Read and validate `<repo>/opsledger.yaml`; a missing file means all defaults, a bad one is CONFIG_INVALID. */
export async function loadConfig(repo: string): Promise<OpsledgerConfig> {
  const file = path.join(repo, CONFIG_FILE);
  if (isAbsent(file)) return withDefaults({});
  // A config checked before, its files unchanged since: no YAML parser nor schema compiled (checked-config.ts).
  const checked = checkedConfig(repo, file);
  const kept = checked.kept();
  if (kept !== undefined) return withDefaults(kept as ConfigInput);
  const startedMs = Date.now();
  let bytes: Buffer;
  try {
    // Read synchronously: the first asynchronous file operation of a process starts libuv's thread pool, which a
    // warm `history` otherwise never needs (README, CLI start-up).
    bytes = readFileSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return withDefaults({});
    throw new OpsledgerError('CONFIG_INVALID', `cannot read ${CONFIG_FILE}: ${(err as Error).message}`);
  }
  // The parser and the schema load only when there is a file to check (every command starts here).
  const [{ parseYaml }, { checkSchema }, { loadValidators }] = await Promise.all([
    import('../definitions/parse-yaml.js'),
    import('../definitions/parse-definition.js'),
    import('../definitions/schemas.js'),
  ]);
  const parsed = parseYaml(bytes, CONFIG_FILE);
  const findings = parsed.ok
    ? checkSchema(parsed.parsed, CONFIG_FILE, loadValidators(path.join(repo, 'definitions/schema')).config)
    : parsed.findings;
  const first = findings[0];
  if (first) {
    throw new OpsledgerError('CONFIG_INVALID', `${first.file}:${first.line}:${first.col}: ${first.message}`, {
      hint: first.hint,
    });
  }
  const value = (parsed.ok ? parsed.parsed.value : null) ?? {};
  checked.keep(value, startedMs);
  return withDefaults(value as ConfigInput);
}
