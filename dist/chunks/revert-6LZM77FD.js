function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  createGithubClient,
  openRevertPullRequest,
  revertCommit,
  revertTargetOf,
  revertToVersion
} from "./chunk-YXIJZPDK.js";
import "./chunk-LQZBTIRA.js";
import {
  parseVersion,
  versionOf
} from "./chunk-TXPA3S25.js";
import "./chunk-A5UXXCI2.js";
import "./chunk-XPH2G7LF.js";
import "./chunk-YW6NSWKR.js";
import "./chunk-PXRWYUTO.js";
import "./chunk-GKUXOMQD.js";
import "./chunk-NR2XG3EO.js";
import "./chunk-LS7CCVM2.js";
import "./chunk-LVNUE3KJ.js";
import "./chunk-ZQYWZ3OO.js";
import "./chunk-QDGFH3S3.js";
import "./chunk-3HNKWDGP.js";
import "./chunk-PEN3FHEJ.js";
import {
  idSpecOf,
  openCliHistory,
  readHistory,
  resolveKind,
  withHistoryOptions
} from "./chunk-M26VXUHN.js";
import "./chunk-EQIGQF32.js";
import "./chunk-AH7MIAEX.js";
import "./chunk-APAI45OA.js";
import "./chunk-FBEO4PPA.js";
import "./chunk-O7JP4MY6.js";
import "./chunk-LLA3MDQI.js";
import "./chunk-AYTYQZ6H.js";
import "./chunk-VR7KHDFB.js";
import {
  OpsledgerError
} from "./chunk-WDLZ6EAF.js";
import "./chunk-75FD6FCD.js";
import "./chunk-UC4CDG3P.js";
import "./chunk-J7SPUE3Q.js";
import "./chunk-5EEFVU5U.js";
import "./chunk-M2VQNUJS.js";
import "./chunk-SMWZYUQH.js";
import "./chunk-6O2CUPPL.js";
import "./chunk-O64KD3H5.js";
import "./chunk-N5OJQZGE.js";
import "./chunk-RAK6EWF2.js";

// src/cli/commands/revert.ts
var EXAMPLES = `
Examples:
  $ opsledger revert http-health-check --to 2   # write version 2 back and commit it (Reverts-Audit: http-health-check@v2)
  $ opsledger revert --commit HEAD              # git revert (a merge is reverted against its first parent)
  $ opsledger revert restart-web --to 2 --pr    # the same, as a pull request on GitHub; prints its URL
  $ opsledger revert --commit 1a2b3c4 --pr

Both refuse a work tree with uncommitted changes. With --pr the revert is committed in a temporary worktree at the
tracked branch of github.remote, pushed as opsledger/revert-... and opened as a pull request (docs/github.md); your
work tree is not touched. A conflict of --commit leaves the repo as git leaves it
(exit 2, GIT_CONFLICT): resolve and \`git revert --continue\`, or \`git revert --abort\`.`;
function warnInvalid(ctx, invalid, to, id) {
  if (invalid) {
    ctx.out.info(
      `warning: version ${to} of ${id} did not validate when it was committed; check it with \`opsledger validate\``
    );
  }
}
async function openPullRequest(ctx, request, invalid, to, id) {
  warnInvalid(ctx, invalid, to, id);
  const client = createGithubClient({
    config: ctx.config.github,
    env: ctx.env,
    log: { info: (m) => ctx.out.info(m), warn: (m) => ctx.out.info(`warning: ${m}`) }
  });
  const pr = await openRevertPullRequest({ repo: ctx.repo, config: ctx.config, client, request });
  if (ctx.json) ctx.out.json(pr);
  else {
    ctx.out.line(pr.url);
    ctx.out.info(
      `opened #${pr.number} from ${pr.branch} (${pr.commit.slice(0, 12)}: ${pr.paths.join(", ")})`
    );
  }
  return 0;
}
var revertCommand = (program, app) => {
  withHistoryOptions(
    program.command("revert").description("restore a definition version as a new commit, or git-revert a commit").argument("[id]", "the definition to restore (with --to; KIND:ID when the id names more than one kind)").option("--to <version>", "the version to restore (3 or v3)").option("--commit <sha>", "revert this commit with `git revert`").option("--pr", "push the revert as a branch and open a pull request on GitHub (docs/github.md)"),
    program
  ).addHelpText("after", EXAMPLES).action(
    app.action(async (ctx, id, options) => {
      let invalidTarget = false;
      let request;
      if (options.commit !== void 0) {
        if (id !== void 0 || options.to !== void 0) {
          throw new OpsledgerError("USAGE", "pass either ID --to VERSION or --commit SHA, not both");
        }
        request = { kind: "commit", sha: options.commit };
      } else {
        if (id === void 0 || options.to === void 0) {
          throw new OpsledgerError("USAGE", "revert needs ID --to VERSION, or --commit SHA");
        }
        const spec = idSpecOf(id, options);
        const version = parseVersion(options.to);
        const index = await openCliHistory(ctx, options);
        request = await readHistory(index, () => {
          const kind = resolveKind(index, spec.id, spec.kind);
          const target = revertTargetOf(index, kind, spec.id, versionOf(index, kind, spec.id, version));
          invalidTarget = target.invalid;
          const last = index.states(kind, spec.id).at(-1);
          return {
            kind: "version",
            target,
            current: last ? { version: last.version, commit: last.commit } : null
          };
        });
      }
      if (options.pr === true) return openPullRequest(ctx, request, invalidTarget, options.to, id);
      const result = request.kind === "commit" ? await revertCommit(ctx.repo, request.sha) : await revertToVersion(ctx.repo, request.target);
      warnInvalid(ctx, invalidTarget, options.to, id);
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
