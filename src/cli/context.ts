import path from 'node:path';
import { findRepoRoot } from '../git/repo-info.js';
import { loadConfig, type OpsledgerConfig } from '../config/load-config.js';
import type { Output } from './output.js';

export interface GlobalOptions {
  repo?: string;
  dataDir?: string;
  /** `--database-url`: a PostgreSQL journal (docs/postgres.md). */
  databaseUrl?: string;
  json?: boolean;
  /** `--no-pager` sets it to false. */
  pager?: boolean;
}

/** What every command gets: the resolved repo, data dir and config, the output streams and the clock. */
export interface CliContext {
  repo: string;
  dataDir: string;
  /** `--database-url` as given (resolved with the config by `cliJournalTarget`). */
  databaseUrl?: string;
  config: OpsledgerConfig;
  json: boolean;
  /** Long text output may go through `$PAGER` on a terminal (false with `--no-pager`). */
  pager: boolean;
  out: Output;
  env: NodeJS.ProcessEnv;
  cwd: string;
  now: () => Date;
}

/** Resolve `--repo` (default: git top level of cwd), the config, and the data dir (flag > env > config > default). */
export async function createContext(
  options: GlobalOptions,
  io: { out: Output; env: NodeJS.ProcessEnv; cwd: string },
): Promise<CliContext> {
  const repo = await findRepoRoot(path.resolve(io.cwd, options.repo ?? '.'));
  const config = await loadConfig(repo);
  const dataDirOption = options.dataDir ?? io.env.OPSLEDGER_DATA_DIR;
  const dataDir = dataDirOption
    ? path.resolve(io.cwd, dataDirOption)
    : path.resolve(repo, config.paths.data_dir);
  return {
    repo,
    dataDir,
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
    config,
    json: options.json === true,
    pager: options.pager !== false,
    out: io.out,
    env: io.env,
    cwd: io.cwd,
    now: () => new Date(),
  };
}
