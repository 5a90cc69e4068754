import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { openCatFileBatch, type CatFileBatch } from '../git/cat-file-batch.js';
import { readBranchLog, type LogCommit } from '../git/read-branch-log.js';
import { OpsledgerError } from '../errors/opsledger-error.js';
import { collectSideCommits } from './collect-side-commits.js';
import { kindOfPath } from '../definitions/types.js';
import {
  createBlobParser,
  scriptFilesNamed,
  type BlobParser,
  type ParseCache,
} from './create-blob-parser.js';
import { decodeDefinitionFile } from './definition-file-codec.js';
import { checkPack, readRecord, readTable, tableFile, type PackTable } from './definition-pack.js';
import { foldCommit } from './fold-history.js';
import { createFoldState, type FoldContext, type FoldOutput, type FoldState } from './fold-types.js';
import {
  checkIndexFiles,
  COMMIT_LINE,
  commitsFile,
  generationDir,
  readFoldState,
  type DefinitionFile,
  type IndexMeta,
} from './history-store.js';
import { toFoldCommits } from './prepare-fold-commits.js';
import type { RefreshOptions } from './refresh-options.js';
import { createSchemasByCommit, SHIPPED_SCHEMAS } from './schemas-by-commit.js';
import type { RefreshStats } from './types.js';
import { writeIndex } from './write-index.js';
import { AUDITABLE_TYPES, fileKeyOf } from '../definitions/types.js';

interface Plan {
  base: IndexMeta | null;
  /** A fresh copy of the fold state at base (the fold mutates it; a second attempt needs its own). */
  loadState(): FoldState;
}

/**
 * Update the index to `tip` under the refresh lock: append the new commits to the indexed state when the branch
 * fast-forwarded and nothing that shapes parsing changed, else build a new generation from scratch.
 */
export async function updateHistory(
  historyDir: string,
  meta: IndexMeta | null,
  tip: string | null,
  options: RefreshOptions,
): Promise<{ meta: IndexMeta; stats: Omit<RefreshStats, 'ms'> }> {
  const batch = lazyCatFileBatch(options.repo);
  try {
    if (tip === null) {
      return finish(historyDir, meta, { base: null, loadState: createFoldState }, tip, emptyRun(), options);
    }
    const extendable =
      meta !== null &&
      meta.tip !== null &&
      meta.branch === options.branch &&
      meta.definitionsDir === options.definitionsDir &&
      (meta.partial ?? false) === (options.partial ?? false);
    // An index to extend is checked whole first: a damaged file is never built upon (docs/history.md).
    const damage = extendable ? indexDamage(historyDir, meta) : null;
    if (damage)
      options.onWarning?.(`history: the index is damaged (${damage}); it is not trusted and is rebuilt`);
    const intact =
      extendable && damage === null && hasCommitList(historyDir, meta) && hasTable(historyDir, meta);
    const state = intact ? readFoldState(historyDir, meta) : null;
    if (meta && state) {
      let first: FoldState | null = state;
      const plan: Plan = {
        base: meta,
        loadState: () => {
          const fresh = first ?? readFoldState(historyDir, meta);
          first = null;
          if (!fresh)
            throw new OpsledgerError('HISTORY_INDEX_CORRUPT', 'the history index changed while read');
          return fresh;
        },
      };
      const run = await runFold(historyDir, plan, tip, batch, options);
      if (run !== 'rewritten') {
        try {
          return await finish(historyDir, meta, plan, tip, run, options);
        } catch (err) {
          // A damaged record of the index to extend: build it again from scratch instead.
          if (!(err instanceof OpsledgerError && err.code === 'HISTORY_INDEX_CORRUPT')) throw err;
        }
      }
    }
    const plan: Plan = { base: null, loadState: createFoldState };
    const run = await runFold(historyDir, plan, tip, batch, options);
    if (run === 'rewritten')
      throw new OpsledgerError('INTERNAL', 'history of the tracked branch could not be read');
    // A rebuild replacing an index: the old generation is still there (docs/history.md "Rewritten branches").
    if (meta) options.beforeReplace?.(meta, run.chain);
    return finish(historyDir, meta, plan, tip, run, options);
  } finally {
    await batch.close();
  }
}

/** A cat-file process started on first use: an update whose new commits add no blob never spawns it. */
function lazyCatFileBatch(repo: string): CatFileBatch {
  let real: CatFileBatch | null = null;
  const get = (): CatFileBatch => (real ??= openCatFileBatch(repo));
  return {
    read: (name) => get().read(name),
    readMany: (names) => get().readMany(names),
    close: async () => {
      if (real) await real.close();
    },
  };
}

/** Whether the generation's commit list holds every commit meta counts (else the index is rebuilt). */
function hasCommitList(historyDir: string, meta: IndexMeta): boolean {
  try {
    return statSync(commitsFile(generationDir(historyDir, meta.generation))).size >= meta.seq * COMMIT_LINE;
  } catch {
    return false;
  }
}

/** Why the files of the index meta names are not the ones it was written with (null: they are). */
function indexDamage(historyDir: string, meta: IndexMeta): string | null {
  const files = checkIndexFiles(historyDir, meta);
  if (files) return files;
  const genDir = generationDir(historyDir, meta.generation);
  const table = readTable(genDir, meta.seq);
  return table
    ? checkPack(genDir, table)
    : `history/gen-${meta.generation}/${path.basename(tableFile(genDir, meta.seq))} is unreadable`;
}

/** Whether the table of definition files meta's seq names is there (else the index is rebuilt). */
function hasTable(historyDir: string, meta: IndexMeta): boolean {
  return existsSync(tableFile(generationDir(historyDir, meta.generation), meta.seq));
}

interface FoldRun {
  outputs: FoldOutput[];
  state: FoldState;
  chain: LogCommit[];
  scripts: string[];
  /** The key of the schemas at the tip (recorded in meta; each commit is judged by its own). */
  schemaKey: string;
}

/** Look up which indexed commit made a version, from the definition files of the base index (lazily, cached). */
function versionCommitsOf(
  historyDir: string,
  base: IndexMeta | null,
): (type: string, id: string, version: number) => string | null {
  const cache = new Map<string, DefinitionFile | null>();
  let table: PackTable | null | undefined;
  return (type, id, version) => {
    if (!base) return null;
    const [kind, fileId] = fileKeyOf(type, id);
    const key = `${kind}:${fileId}`;
    if (!cache.has(key)) {
      const genDir = generationDir(historyDir, base.generation);
      table ??= readTable(genDir, base.seq);
      let file: DefinitionFile | null = null;
      try {
        const text = table ? readRecord(genDir, table, kind, fileId) : null;
        file = text === null ? null : decodeDefinitionFile(text);
      } catch {
        // A damaged record: writing the update finds it too and rebuilds the index from scratch.
      }
      cache.set(key, file);
    }
    const hit = cache
      .get(key)
      ?.events.find(
        (e) =>
          e.seq <= base.seq &&
          e.event.auditable_type === type &&
          e.event.auditable_id === id &&
          e.event.version === version,
      );
    return hit?.event.commit ?? null;
  };
}

/** The commit that made version `version` of an object among the outputs folded so far, or null. */
function madeInRun(outputs: readonly FoldOutput[], type: string, id: string, version: number): string | null {
  for (let i = outputs.length - 1; i >= 0; i--) {
    for (const e of outputs[i]!.events) {
      if (e.auditable_type === type && e.auditable_id === id && e.version === version) return e.commit;
    }
  }
  return null;
}

/** The blobs of definition files that merged-side commits wrote or replaced (to credit each pointer of a merge). */
function wantSideBlobs(
  parser: BlobParser,
  sides: ReadonlyMap<string, string[]>,
  others: ReadonlyMap<string, LogCommit>,
  definitionsDir: string,
): void {
  for (const shas of sides.values()) {
    for (const sha of shas) {
      const c = others.get(sha);
      if (!c || c.parents.length > 1) continue;
      for (const ch of c.changes) {
        const kind = kindOfPath(ch.path, definitionsDir);
        if (!kind) continue;
        if (ch.oldBlob) parser.wantSide(kind, ch.oldBlob, ch.path);
        if (ch.newBlob) parser.wantSide(kind, ch.newBlob, ch.path);
      }
    }
  }
}

/** The commits with a change of a path that matters, each with only those changes. */
function relevantChanges(log: readonly LogCommit[], matters: (path: string) => boolean): LogCommit[] {
  const out: LogCommit[] = [];
  for (const c of log) {
    if (c.changes.every((ch) => matters(ch.path))) {
      if (c.changes.length > 0) out.push(c);
      continue;
    }
    const changes = c.changes.filter((ch) => matters(ch.path));
    if (changes.length > 0) out.push({ ...c, changes });
  }
  return out;
}

function emptyRun(): FoldRun {
  return { outputs: [], state: createFoldState(), chain: [], scripts: [], schemaKey: SHIPPED_SCHEMAS };
}

async function finish(
  historyDir: string,
  previous: IndexMeta | null,
  plan: Plan,
  tip: string | null,
  run: FoldRun,
  options: RefreshOptions,
): Promise<{ meta: IndexMeta; stats: Omit<RefreshStats, 'ms'> }> {
  const rebuilt = plan.base === null;
  const meta = writeIndex(historyDir, {
    previous,
    incremental: !rebuilt,
    tip,
    branch: options.branch,
    definitionsDir: options.definitionsDir,
    schemaKey: run.schemaKey,
    partial: options.partial ?? false,
    run,
  });
  return { meta, stats: { tip, newCommits: run.chain.length, rebuilt } };
}

/**
 * Read the new first-parent commits, parse each new blob once, and fold them. When an action turns out to name a
 * script file the log did not follow, fold again with it followed (its earlier changes were filtered out).
 */
async function runFold(
  historyDir: string,
  plan: Plan,
  tip: string,
  batch: CatFileBatch,
  options: RefreshOptions,
): Promise<FoldRun | 'rewritten'> {
  const baseTip = plan.base?.tip ?? null;
  const scripts = new Set(plan.base?.scripts ?? []);
  const baseVersionCommit = versionCommitsOf(historyDir, plan.base);
  const parseCache: ParseCache = new Map();
  // Each commit's blobs are judged by the schemas in its own tree (docs/history.md "Validity").
  const parser = createBlobParser({
    batch,
    schemas: createSchemasByCommit(batch, tip, options.definitionsDir, historyDir, (what) =>
      options.onWarning?.(`history: the index is damaged (${what}); it is not trusted and is rebuilt`),
    ),
    definitionsDir: options.definitionsDir,
    cache: parseCache,
  });
  // One log of every path and every commit: the first-parent chain (definitions, and the script files actions name,
  // known only once the blobs are parsed: other paths are dropped below) and the commits merges brought in.
  const { chain, others, joinsBase } = await readBranchLog(options.repo, {
    tip,
    base: baseTip,
    onChainCommit: (c) => parser.want(c),
  });
  if (!joinsBase) {
    await parser.done();
    return 'rewritten';
  }
  const sides = collectSideCommits(chain, others);
  const definitionsPrefix = `${options.definitionsDir}/`;
  wantSideBlobs(parser, sides, others, options.definitionsDir);
  await parser.done();
  // Script files named by any action version in this range are followed (their own changes are events).
  for (const sp of scriptFilesNamed(parseCache)) scripts.add(sp);
  const baseSeq = plan.base?.seq ?? 0;
  const seqOf = new Map(chain.map((c, i) => [c.sha, baseSeq + i + 1]));
  for (let attempt = 0; ; attempt++) {
    const log = relevantChanges(chain, (p) => p.startsWith(definitionsPrefix) || scripts.has(p));
    const state = plan.loadState();
    for (const sp of scripts) {
      if (!Object.hasOwn(state.scripts, sp)) {
        state.scripts[sp] = baseTip ? ((await batch.read(`${baseTip}:${sp}`))?.oid ?? null) : null;
      }
    }
    const matters = (p: string): boolean => p.startsWith(definitionsPrefix) || scripts.has(p);
    const commits = await toFoldCommits(log, seqOf, sides, others, batch, parser.schemaOf, matters);
    const outputs: FoldOutput[] = [];
    const missing = new Set<string>();
    const sideCache = parseCache.get(parser.sideSchema());
    const ctx: FoldContext = {
      definitionsDir: options.definitionsDir,
      parse: (kind, blob, _file, schema) => parseCache.get(schema)!.get(kind)!.get(blob)!,
      sideValue: (kind, blob) => {
        const parsed = sideCache?.get(kind)?.get(blob);
        return parsed?.ok ? parsed.value : null;
      },
      partial: options.partial ?? false,
      // Asked only by a `Reverts-Audit:` trailer: a scan of what this run folded so far, then the base index.
      versionCommit: (id, version) => {
        for (const type of AUDITABLE_TYPES) {
          const sha = madeInRun(outputs, type, id, version) ?? baseVersionCommit(type, id, version);
          if (sha) return sha;
        }
        return null;
      },
    };
    const total = commits.length;
    const report = options.onProgress && total >= 200 ? options.onProgress : undefined;
    report?.('start', 0, total);
    commits.forEach((commit, i) => {
      const output = foldCommit(state, commit, ctx);
      output.missingScripts.forEach((s) => missing.add(s));
      outputs.push(output);
      if (report && (i % 50 === 0 || i === total - 1)) report('tick', i + 1, total);
    });
    report?.('stop', total, total);
    const fresh = [...missing].filter((s) => !scripts.has(s));
    if (fresh.length === 0 || attempt >= 3) {
      return { outputs, state, chain, scripts: [...scripts].sort(), schemaKey: parser.sideSchema() };
    }
    fresh.forEach((s) => scripts.add(s));
  }
}
