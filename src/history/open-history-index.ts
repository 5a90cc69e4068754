import path from 'node:path';
import { createProgressReporter } from './progress-reporter.js';
import { createNativeHistoryIndex, type NativeHistoryIndex } from './native-history-index.js';
import { historyDirOf, refreshHistory } from './refresh-history.js';
import { loadApprovalEvidence, type ApprovalEvidence } from './approval-evidence.js';

export interface OpenHistoryOptions {
  repo: string;
  dataDir: string;
  branch: string;
  /** The definitions folder, repo-relative (config `paths.definitions`); default `definitions`. */
  definitionsDir?: string;
  /**
   * Draw a progress bar on the progress stream (only when it is a TTY, which is asked when indexing starts) while many
   * commits are indexed.
   */
  progress?: boolean;
  /** Where the progress bar goes; default process.stderr. */
  progressStream?: NodeJS.WriteStream;
  /** Where a damaged index file is reported (it is rebuilt); default: a `warning:` line on the progress stream. */
  onWarning?: (message: string) => void;
  /** Fold a shallow clone's history as partial (`--allow-shallow`; docs/history.md "Partial histories"). */
  partial?: boolean;
  /** Read a shallow clone (as a partial history) instead of refusing it with SHALLOW_REPOSITORY. */
  allowShallow?: boolean;
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
  const onWarning =
    options.onWarning ??
    ((message: string) => void (options.progressStream ?? process.stderr).write(`warning: ${message}\n`));
  let evidence: ApprovalEvidence | undefined;
  const doRefresh = async () => {
    const onProgress = options.progress
      ? reporterMadeOnFirstUse(() => createProgressReporter(options.progressStream ?? process.stderr))
      : undefined;
    // The approval notes are read at each refresh too: a note recorded after its commit was indexed shows at once.
    evidence = await loadApprovalEvidence(options.repo, historyDir, evidence);
    return refreshHistory({
      repo: options.repo,
      dataDir: options.dataDir,
      branch: options.branch,
      definitionsDir: normalizeDir(options.definitionsDir ?? 'definitions'),
      onWarning,
      ...(onProgress ? { onProgress } : {}),
      ...(options.partial ? { partial: true } : {}),
      ...(options.allowShallow ? { allowShallow: true } : {}),
    });
  };
  const first = await doRefresh();
  return createNativeHistoryIndex(historyDir, first.meta, doRefresh, onWarning, () => evidence!);
}

type ProgressReporter = NonNullable<ReturnType<typeof createProgressReporter>>;

/**
 * A progress callback that makes its reporter when first called: only an update reports progress, and asking whether
 * stderr is a terminal creates `process.stderr`, which a warm read does without (README, CLI start-up).
 */
function reporterMadeOnFirstUse(make: () => ProgressReporter | undefined): ProgressReporter {
  let made: { reporter: ProgressReporter | undefined } | undefined;
  return (phase, done, total) => {
    made ??= { reporter: make() };
    made.reporter?.(phase, done, total);
  };
}
