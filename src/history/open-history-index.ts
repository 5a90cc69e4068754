import path from 'node:path';
import { createProgressReporter } from './progress-reporter.js';
import { createNativeHistoryIndex, type NativeHistoryIndex } from './native-history-index.js';
import { historyDirOf, refreshHistory } from './refresh-history.js';

export interface OpenHistoryOptions {
  repo: string;
  dataDir: string;
  branch: string;
  /** The definitions folder, repo-relative (config `paths.definitions`); default `definitions`. */
  definitionsDir?: string;
  /** Draw a progress bar on stderr (only when stderr is a TTY) while many commits are indexed. */
  progress?: boolean;
  /** Where the progress bar goes; default process.stderr. */
  progressStream?: NodeJS.WriteStream;
  /** Fold a shallow clone's history as partial (`--allow-shallow`; docs/history.md "Partial histories"). */
  partial?: boolean;
}

/** A repo-relative folder as git prints paths: posix, no `./`, no trailing slash. */
function normalizeDir(dir: string): string {
  return path.posix
    .normalize(dir.replace(/\\/g, '/'))
    .replace(/^(\.\/)+/, '')
    .replace(/\/+$/, '');
}

/**
 * Open the change history of the tracked branch, brought up to date with git before it returns (incremental; a
 * rewritten branch or a corrupt index is rebuilt). The one way every reader of history gets a HistoryIndex.
 */
export async function openHistoryIndex(options: OpenHistoryOptions): Promise<NativeHistoryIndex> {
  const historyDir = historyDirOf(options.dataDir);
  const doRefresh = async () => {
    const onProgress = options.progress
      ? createProgressReporter(options.progressStream ?? process.stderr)
      : undefined;
    return refreshHistory({
      repo: options.repo,
      dataDir: options.dataDir,
      branch: options.branch,
      definitionsDir: normalizeDir(options.definitionsDir ?? 'definitions'),
      ...(onProgress ? { onProgress } : {}),
      ...(options.partial ? { partial: true } : {}),
    });
  };
  const first = await doRefresh();
  return createNativeHistoryIndex(historyDir, first.meta, doRefresh);
}
