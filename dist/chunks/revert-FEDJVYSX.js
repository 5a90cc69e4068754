import {
  parseVersion,
  versionOf
} from "./chunk-4NCFONHU.js";
import "./chunk-7RCLRL7T.js";
import "./chunk-YKXOT4DV.js";
import {
  openCatFileBatch
} from "./chunk-M2MUJ6KY.js";
import {
  allowShallowOption,
  idSpecOf,
  kindOption,
  openCliHistory,
  readHistory,
  resolveKind,
  typeOption
} from "./chunk-VVEUEYGN.js";
import "./chunk-OWUAENRR.js";
import "./chunk-XYJU7AQX.js";
import "./chunk-GVAA424S.js";
import {
  scriptPathOf
} from "./chunk-ZV5OUC6N.js";
import "./chunk-ANG7WQ2Z.js";
import {
  runGit,
  runGitRaw
} from "./chunk-QT6CJFXI.js";
import "./chunk-P4CNIMT5.js";
import "./chunk-WFF4A6QU.js";
import {
  OpsledgerError
} from "./chunk-VDHVSJ3T.js";
import "./chunk-E57XOVAZ.js";
import "./chunk-W3QUCTQE.js";

// src/history/revert-definition.ts
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
async function assertCleanWorkTree(repo) {
  const status = await runGit(repo, ["status", "--porcelain", "--untracked-files=no"]);
  if (status.trim() !== "") {
    const files = status.trim().split("\n").slice(0, 5).map((l) => l.slice(3)).join(", ");
    throw new OpsledgerError("DIRTY_WORKTREE", `the work tree has uncommitted changes (${files})`);
  }
}
async function revertToVersion(repo, target) {
  await assertCleanWorkTree(repo);
  const batch = openCatFileBatch(repo);
  const writes = [];
  try {
    const def = await batch.read(target.blob);
    if (!def) throw new OpsledgerError("GIT_FAILED", `blob ${target.blob} of ${target.id} is missing`);
    writes.push({ path: target.currentPath, content: def.content });
    if (target.script?.blob) {
      const script = await batch.read(target.script.blob);
      if (script) writes.push({ path: target.script.path, content: script.content });
    }
  } finally {
    await batch.close();
  }
  for (const w of writes) {
    const full = path.join(repo, w.path);
    await mkdir(path.dirname(full), { recursive: true });
    await writeFile(full, w.content);
  }
  const paths = writes.map((w) => w.path);
  await runGit(repo, ["add", "--", ...paths]);
  const staged = await runGitRaw(repo, ["diff", "--cached", "--quiet", "--", ...paths]);
  if (staged.code === 0) {
    throw new OpsledgerError(
      "INPUT_INVALID",
      `${target.id} already has the content of version ${target.version}; nothing to revert`,
      { hint: "See the versions with `opsledger history ID`." }
    );
  }
  const message = [
    `Revert ${target.kind} ${target.id} to version ${target.version}`,
    "",
    `Restores ${target.currentPath} to its content at version ${target.version} (commit ${target.commit.slice(0, 12)})` + (writes.length > 1 ? `, with ${target.script.path} as it was then.` : "."),
    "",
    `Reverts-Audit: ${target.id}@v${target.version}`
  ].join("\n");
  await runGit(repo, ["commit", "-q", "-m", message, "--", ...paths]);
  const commit = (await runGit(repo, ["rev-parse", "HEAD"])).trim();
  return { commit, paths, message };
}
async function revertCommit(repo, sha) {
  await assertCleanWorkTree(repo);
  const resolved = await runGitRaw(repo, ["rev-parse", "--verify", "--quiet", `${sha}^{commit}`]);
  if (resolved.code !== 0) {
    throw new OpsledgerError("INPUT_INVALID", `${sha} is not a commit`, {
      hint: "Pass a commit sha from `opsledger history ID` (COMMIT column)."
    });
  }
  const full = resolved.stdout.trim();
  const parents = (await runGit(repo, ["rev-list", "--parents", "-n", "1", full])).trim().split(" ").length - 1;
  const args = ["revert", "--no-edit", ...parents > 1 ? ["-m", "1"] : [], full];
  const result = await runGitRaw(repo, args);
  if (result.code !== 0) {
    const conflicts = (await runGitRaw(repo, ["diff", "--name-only", "--diff-filter=U"])).stdout.trim();
    if (conflicts !== "") {
      throw new OpsledgerError(
        "GIT_CONFLICT",
        `reverting ${full.slice(0, 12)} conflicts in ${conflicts.split("\n").join(", ")}`,
        {
          hint: "Fix the conflicted files, `git add` them and run `git revert --continue`; or `git revert --abort` to give up."
        }
      );
    }
    const nothing = (await runGitRaw(repo, ["diff", "--cached", "--quiet"])).code === 0;
    if (nothing) {
      await runGitRaw(repo, ["revert", "--abort"]);
      throw new OpsledgerError(
        "INPUT_INVALID",
        `reverting ${full.slice(0, 12)} changes nothing: it is already undone`,
        {
          hint: "See the current state with `opsledger history ID`."
        }
      );
    }
    throw new OpsledgerError(
      "GIT_FAILED",
      `git ${args.join(" ")} failed: ${(result.stderr || result.stdout).trim()}`
    );
  }
  const commit = (await runGit(repo, ["rev-parse", "HEAD"])).trim();
  const message = await runGit(repo, ["log", "-1", "--format=%B", commit]);
  const paths = (await runGit(repo, ["diff-tree", "--no-commit-id", "--name-only", "-r", commit])).trim().split("\n");
  return { commit, paths, message: message.trim() };
}

// src/cli/commands/revert.ts
var EXAMPLES = `
Examples:
  $ opsledger revert http-health-check --to 2   # write version 2 back and commit it (Reverts-Audit: http-health-check@v2)
  $ opsledger revert --commit HEAD              # git revert (a merge is reverted against its first parent)

Both refuse a work tree with uncommitted changes. A conflict of --commit leaves the repo as git leaves it
(exit 2, GIT_CONFLICT): resolve and \`git revert --continue\`, or \`git revert --abort\`.`;
var revertCommand = (program, app) => {
  program.command("revert").description("restore a definition version as a new commit, or git-revert a commit").argument("[id]", "the definition to restore (with --to; KIND:ID when the id names more than one kind)").option("--to <version>", "the version to restore (3 or v3)").option("--commit <sha>", "revert this commit with `git revert`").addOption(kindOption()).addOption(typeOption()).addOption(allowShallowOption()).addHelpText("after", EXAMPLES).action(
    app.action(async (ctx, id, options) => {
      let result;
      let invalidTarget = false;
      if (options.commit !== void 0) {
        if (id !== void 0 || options.to !== void 0) {
          throw new OpsledgerError("USAGE", "pass either ID --to VERSION or --commit SHA, not both");
        }
        result = await revertCommit(ctx.repo, options.commit);
      } else {
        if (id === void 0 || options.to === void 0) {
          throw new OpsledgerError("USAGE", "revert needs ID --to VERSION, or --commit SHA");
        }
        const spec = idSpecOf(id, options);
        const version = parseVersion(options.to);
        const index = await openCliHistory(ctx, options);
        const target = await readHistory(index, () => {
          const kind = resolveKind(index, spec.id, spec.kind);
          const found = versionOf(index, kind, spec.id, version);
          const states = index.states(kind, spec.id);
          const currentPath = states.at(-1)?.path ?? found.path;
          const state = states.find((s) => s.version === version && s.blob !== null);
          const scriptPath = scriptPathOf(found.value);
          invalidTarget = found.valid === false;
          return {
            kind,
            id: spec.id,
            version,
            commit: found.commit,
            blob: found.blob,
            currentPath,
            ...scriptPath ? { script: { path: scriptPath, blob: state?.file_blob ?? null } } : {}
          };
        });
        result = await revertToVersion(ctx.repo, target);
      }
      if (invalidTarget) {
        ctx.out.info(
          `warning: version ${options.to} of ${id} did not validate when it was committed; check it with \`opsledger validate\``
        );
      }
      if (ctx.json) ctx.out.json(result);
      else {
        ctx.out.line(result.commit);
        ctx.out.info(`${result.message.split("\n")[0]} (${result.paths.join(", ")})`);
      }
      return 0;
    })
  );
};
export {
  revertCommand
};
