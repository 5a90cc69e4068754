import { statSync } from 'node:fs';
import { openCatFileBatch, type CatFileBatch } from '../git/cat-file-batch.js';
import { firstParentChain, readCommitGraph, type GraphCommit } from '../git/read-commit-graph.js';
import { readFirstParentLog, type LogCommit } from '../git/read-first-parent-log.js';
import { OpsledgerError } from '../errors/opsledger-error.js';
import { collectSideCommits } from './collect-side-commits.js';
import { createBlobParser, scriptFilesNamed } from './create-blob-parser.js';
import { decodeDefinitionFile } from './definition-file-codec.js';
import { foldCommit } from './fold-history.js';
import {
  createFoldState,
  type FoldContext,
  type FoldOutput,
  type FoldState,
  type ParsedBlob,
} from './fold-types.js';
import {
  COMMIT_LINE,
  commitsFile,
  definitionFilePath,
  generationDir,
  readFoldState,
  readJson,
  type DefinitionFile,
  type IndexMeta,
} from './history-store.js';
import { readSideCommits, toFoldCommits } from './prepare-fold-commits.js';
import type { RefreshOptions } from './refresh-history.js';
import { knownSchema, schemaAt, type HistorySchema } from './schema-at-tip.js';
import type { RefreshStats } from './types.js';
import { fileKeyOf, writeIndex } from './write-index.js';

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
      return finish(
        historyDir,
        meta,
        { base: null, loadState: createFoldState },
        tip,
        'shipped',
        emptyRun(),
        options,
      );
    }
    const candidate =
      meta !== null &&
      meta.tip !== null &&
      meta.branch === options.branch &&
      meta.definitionsDir === options.definitionsDir &&
      hasCommitList(historyDir, meta);
    const known = candidate ? knownSchema(historyDir, meta.schemaKey) : null;
    const state = candidate && known ? readFoldState(historyDir, meta) : null;
    if (meta && known && state) {
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
      const run = await runFold(historyDir, plan, tip, batch, Promise.resolve(known), options);
      if (run !== 'rewritten') return finish(historyDir, meta, plan, tip, meta.schemaKey, run, options);
    }
    // The log starts while the schemas at the tip are read: blobs wait for them, the log does not.
    const schema = settled(schemaAt(batch, tip, options.definitionsDir, historyDir));
    const plan: Plan = { base: null, loadState: createFoldState };
    const run = await runFold(historyDir, plan, tip, batch, schema, options);
    if (run === 'rewritten')
      throw new OpsledgerError('INTERNAL', 'history of the tracked branch could not be read');
    return finish(historyDir, meta, plan, tip, (await schema).key, run, options);
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

interface FoldRun {
  outputs: FoldOutput[];
  state: FoldState;
  chain: GraphCommit[];
  scripts: string[];
}

/** Look up which indexed commit made a version, from the definition files of the base index (lazily, cached). */
function versionCommitsOf(
  historyDir: string,
  base: IndexMeta | null,
): (type: string, id: string, version: number) => string | null {
  const cache = new Map<string, DefinitionFile | null>();
  return (type, id, version) => {
    if (!base) return null;
    const [kind, fileId] = fileKeyOf(type, id);
    const key = `${kind}:${fileId}`;
    if (!cache.has(key)) {
      const file = /^[a-z0-9][a-z0-9-]{0,62}$/.test(fileId)
        ? readJson(
            definitionFilePath(generationDir(historyDir, base.generation), kind, fileId),
            decodeDefinitionFile,
          )
        : null;
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

/** A promise whose rejection is handled until it is awaited (it may be abandoned when the fold gives up). */
function settled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

function emptyRun(): FoldRun {
  return { outputs: [], state: createFoldState(), chain: [], scripts: [] };
}

async function finish(
  historyDir: string,
  previous: IndexMeta | null,
  plan: Plan,
  tip: string | null,
  schemaKey: string,
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
    schemaKey,
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
  schema: Promise<HistorySchema>,
  options: RefreshOptions,
): Promise<FoldRun | 'rewritten'> {
  const baseTip = plan.base?.tip ?? null;
  const scripts = new Set(plan.base?.scripts ?? []);
  const baseVersionCommit = versionCommitsOf(historyDir, plan.base);
  const parseCache = new Map<string, ParsedBlob>();
  const parser = createBlobParser({
    batch,
    schema,
    definitionsDir: options.definitionsDir,
    cache: parseCache,
  });
  // One log of every path: definitions, and the script files actions name, which are known only once the blobs are
  // parsed (a path-limited second walk for them cost as much git time as the first). Other paths are dropped below.
  const readLog = (): Promise<LogCommit[]> =>
    readFirstParentLog(options.repo, { tip, base: baseTip, paths: [], onCommit: (c) => parser.want(c) });
  // An update reads the graph (is this a fast-forward?) beside the log, and a rewrite discards the log. A build from
  // scratch has no base to join: its graph is read after the log, while the blobs still parse, so it does not take
  // the second core from the log and cat-file.
  const readGraph = (): Promise<GraphCommit[]> => readCommitGraph(options.repo, { tip, base: baseTip });
  const [graph, fullLog] =
    baseTip === null
      ? await readLog().then(async (log) => [await readGraph(), log] as const)
      : await Promise.all([readGraph(), readLog()]);
  const { chain, joinsBase } = firstParentChain(graph, tip, baseTip);
  if (!joinsBase) {
    await parser.done();
    return 'rewritten';
  }
  const sides = collectSideCommits(graph, chain);
  const definitionsPrefix = `${options.definitionsDir}/`;
  // The commits merges brought in are read while the blobs are still being parsed (merges that change only a
  // script file are added before folding).
  const known = settled(
    readSideCommits(
      options.repo,
      fullLog.filter((c) => c.changes.some((ch) => ch.path.startsWith(definitionsPrefix))),
      sides,
    ),
  );
  await parser.done();
  // A schema change re-judges every old blob: start a new generation.
  if (
    plan.base &&
    fullLog.some((c) => c.changes.some((ch) => ch.path.startsWith(`${definitionsPrefix}schema/`)))
  ) {
    await Promise.allSettled([known]);
    return 'rewritten';
  }
  // Script files named by any action version in this range are followed (their own changes are events).
  for (const sp of scriptFilesNamed(parseCache)) scripts.add(sp);
  for (let attempt = 0; ; attempt++) {
    const log = relevantChanges(fullLog, (p) => p.startsWith(definitionsPrefix) || scripts.has(p));
    const state = plan.loadState();
    for (const sp of scripts) {
      if (!Object.hasOwn(state.scripts, sp)) {
        state.scripts[sp] = baseTip ? ((await batch.read(`${baseTip}:${sp}`))?.oid ?? null) : null;
      }
    }
    const commits = await toFoldCommits(
      log,
      chain,
      sides,
      await known,
      batch,
      options.repo,
      plan.base?.seq ?? 0,
    );
    const outputs: FoldOutput[] = [];
    const missing = new Set<string>();
    const madeNow = new Map<string, string>();
    const ctx: FoldContext = {
      definitionsDir: options.definitionsDir,
      parse: (kind, blob) => parseCache.get(`${kind}:${blob}`)!,
      versionCommit: (id, version) => {
        for (const type of ['Action', 'Runbook', 'Role', 'Runbook::Step']) {
          const sha = madeNow.get(`${type}|${id}@${version}`) ?? baseVersionCommit(type, id, version);
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
      for (const e of output.events)
        madeNow.set(`${e.auditable_type}|${e.auditable_id}@${e.version}`, e.commit);
      output.missingScripts.forEach((s) => missing.add(s));
      outputs.push(output);
      if (report && (i % 50 === 0 || i === total - 1)) report('tick', i + 1, total);
    });
    report?.('stop', total, total);
    const fresh = [...missing].filter((s) => !scripts.has(s));
    if (fresh.length === 0 || attempt >= 3) return { outputs, state, chain, scripts: [...scripts].sort() };
    fresh.forEach((s) => scripts.add(s));
  }
}
