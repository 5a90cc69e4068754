import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { OpsledgerError } from '../errors/opsledger-error.js';

export interface RetentionConfig {
  default_days?: number;
  failed_days?: number;
  actions?: Record<string, number>;
}

export interface OpsledgerConfig {
  branch: string;
  paths: { definitions: string; reports: string; data_dir: string };
  retention: RetentionConfig;
  reports: { stale_days: number; failing_streak: number; outcome_window?: number };
  webhooks: WebhookConfig[];
  /** Scheduled export of serve (docs/export.md). */
  export?: { to: string; schedule?: string };
  server: { rate_limit_per_minute: number; refresh_seconds: number; trust_proxy: TrustProxy };
  github: GithubConfig;
  /** Approvals a pull request needs, by risk (docs/github.md "Approvals"). */
  approvals: { required: { high: number; medium: number; low: number } };
}

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
export interface WebhookConfig {
  id: string;
  url: string;
  events: string[];
  filter?: {
    type?: string;
    id?: string;
    pointer?: string;
    status?: string | string[];
    trigger?: string;
  };
  secret_env?: string;
  format?: 'standard' | 'slack';
  max_attempts?: number;
}

/** Express's `trust proxy`: off, on, a hop count, or proxy addresses/subnets (docs/api.md). */
export type TrustProxy = boolean | number | string;

export const CONFIG_FILE = 'opsledger.yaml';

/** opsledger.yaml as parsed: every key optional, `github.remote` too. */
export type RawConfig = Partial<Omit<OpsledgerConfig, 'github'>> & {
  github?: Partial<GithubConfig>;
} & Record<string, unknown>;

/** The configuration with every default filled in; `raw` is the parsed, schema-valid opsledger.yaml (or {}). */
export function withDefaults(raw: RawConfig): OpsledgerConfig {
  return {
    branch: raw.branch ?? 'main',
    paths: { definitions: 'definitions', reports: 'reports', data_dir: '.opsledger', ...raw.paths },
    retention: raw.retention ?? {},
    reports: { stale_days: 30, failing_streak: 3, ...raw.reports },
    webhooks: raw.webhooks ?? [],
    ...(raw.export ? { export: raw.export } : {}),
    server: { rate_limit_per_minute: 600, refresh_seconds: 30, trust_proxy: false, ...raw.server },
    github: { remote: 'origin', ...raw.github },
    approvals: { required: { high: 1, medium: 1, low: 1, ...raw.approvals?.required } },
  };
}

/** Read and validate `<repo>/opsledger.yaml`; a missing file means all defaults, a bad one is CONFIG_INVALID. */
export async function loadConfig(repo: string): Promise<OpsledgerConfig> {
  const file = path.join(repo, CONFIG_FILE);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
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
  return withDefaults(value as Partial<OpsledgerConfig>);
}
