function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  installHooks,
  uninstallHooks
} from "./chunk-5QO4VVME.js";
import {
  renderValidationText
} from "./chunk-NC3HR3AM.js";
import {
  openTreeSource,
  readRules,
  validateSource
} from "./chunk-XPH2G7LF.js";
import "./chunk-YW6NSWKR.js";
import "./chunk-PXRWYUTO.js";
import "./chunk-GKUXOMQD.js";
import "./chunk-NR2XG3EO.js";
import "./chunk-PEN3FHEJ.js";
import {
  reportError
} from "./chunk-U2P7YM5Y.js";
import "./chunk-J2KV253P.js";
import "./chunk-LLA3MDQI.js";
import "./chunk-GB75QTYU.js";
import {
  runGitRaw
} from "./chunk-AYTYQZ6H.js";
import "./chunk-G56DPNIV.js";
import {
  EXIT,
  OpsledgerError
} from "./chunk-WDLZ6EAF.js";
import "./chunk-J7SPUE3Q.js";
import "./chunk-5EEFVU5U.js";
import {
  PACKAGE_ROOT
} from "./chunk-M2VQNUJS.js";
import "./chunk-SMWZYUQH.js";
import {
  DEFINITION_ID_BODY
} from "./chunk-6O2CUPPL.js";
import "./chunk-O64KD3H5.js";
import "./chunk-N5OJQZGE.js";
import "./chunk-RAK6EWF2.js";

// src/cli/commands/hooks.ts
import { readFile } from "node:fs/promises";
import path from "node:path";

// src/hooks/check-commit-message.ts
var REVERTS_AUDIT_VALUE = new RegExp(`^${DEFINITION_ID_BODY}@v[1-9][0-9]*$`);
var SCISSORS = / -+ >8 -+/;
function checkCommitMessage(text, commentChar = "#") {
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  const kept = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith(commentChar)) {
      if (SCISSORS.test(line)) break;
      continue;
    }
    kept.push({ line: i + 1, text: line });
  }
  while (kept.length > 0 && kept[kept.length - 1].text.trim() === "") kept.pop();
  const first = kept.findIndex((l) => l.text.trim() !== "");
  if (first < 0) return [{ line: 1, message: "the commit message is empty; write a subject line" }];
  const problems = [];
  let lastBlank = -1;
  kept.forEach((l, i) => {
    if (l.text.trim() === "") lastBlank = i;
  });
  kept.forEach((l, i) => {
    const match = /^reverts-audit\s*:\s*(.*)$/i.exec(l.text);
    if (!match) return;
    const value = match[1].trim();
    if (!REVERTS_AUDIT_VALUE.test(value)) {
      problems.push({
        line: l.line,
        message: `Reverts-Audit trailer "${value}" is not ID@vN (e.g. "Reverts-Audit: restart-web@v3")`
      });
    }
    if (i === first) {
      problems.push({ line: l.line, message: "Reverts-Audit must be a trailer, not the subject line" });
    } else if (lastBlank < 0 || i < lastBlank) {
      problems.push({
        line: l.line,
        message: "Reverts-Audit must be in the trailer block (the last paragraph of the message)"
      });
    }
  });
  return problems;
}

// src/hooks/plan-ref-updates.ts
var ZERO_SHA = /^0+$/;
function parseRefUpdates(input) {
  return input.split("\n").map((line) => line.trim()).filter((line) => line !== "").map((line) => {
    const [oldSha = "", newSha = "", ...rest] = line.split(" ");
    return { oldSha, newSha, ref: rest.join(" ") };
  });
}
function planRefUpdate(update, policy) {
  if (!update.ref.startsWith("refs/heads/")) {
    return { update, action: "skip", reason: "not a branch" };
  }
  const branch = update.ref.slice("refs/heads/".length);
  const tracked = branch === policy.trackedBranch;
  if (!tracked && !policy.allBranches) {
    return { update, action: "skip", reason: `not the tracked branch ${policy.trackedBranch}` };
  }
  if (ZERO_SHA.test(update.newSha)) {
    if (tracked && !policy.allowDeleteTracked) {
      return {
        update,
        action: "reject",
        reason: `deleting the tracked branch ${branch} would drop the live definitions and their audit trail`
      };
    }
    return { update, action: "skip", reason: "branch deleted" };
  }
  const isNew = ZERO_SHA.test(update.oldSha);
  return {
    update,
    action: "validate",
    rev: update.newSha,
    fastForwardFrom: tracked && !isNew && !policy.allowForcePush ? update.oldSha : null
  };
}

// src/hooks/resolve-push-rules.ts
async function resolvePushRules(gitDir, update, pinnedBranch) {
  const rules = ZERO_SHA.test(update.oldSha) ? await trackedTipRules(gitDir, pinnedBranch) : await openTreeSource(gitDir, update.oldSha);
  const trackedBranch = pinnedBranch ?? (await readRules(rules)).branch;
  return { trackedBranch, rules };
}
async function trackedTipRules(gitDir, pinnedBranch) {
  const head = await runGitRaw(gitDir, ["symbolic-ref", "--quiet", "--short", "HEAD"]);
  const defaultBranch = head.code === 0 ? head.stdout.trim() : "main";
  const defaultTip = await branchTip(gitDir, defaultBranch);
  const defaultRules = defaultTip === null ? "shipped" : await openTreeSource(gitDir, defaultTip);
  const tracked = pinnedBranch ?? (await readRules(defaultRules)).branch;
  if (tracked === defaultBranch) return defaultRules;
  const trackedTip = await branchTip(gitDir, tracked);
  return trackedTip === null ? defaultRules : openTreeSource(gitDir, trackedTip);
}
async function branchTip(gitDir, branch) {
  const result = await runGitRaw(gitDir, [
    "rev-parse",
    "--verify",
    "--quiet",
    "--end-of-options",
    `refs/heads/${branch}^{commit}`
  ]);
  return result.code === 0 ? result.stdout.trim() : null;
}

// src/hooks/run-pre-receive.ts
async function runPreReceive(options) {
  const { gitDir, print } = options;
  const settings = await readSettings(gitDir);
  let ok = true;
  for (const update of parseRefUpdates(options.input)) {
    const { trackedBranch, rules } = await resolvePushRules(gitDir, update, settings.branch);
    const policy = { ...settings, trackedBranch };
    const decision = planRefUpdate(update, policy);
    if (decision.action === "skip") continue;
    if (decision.action === "reject") {
      print(`opsledger: refusing ${update.ref}: ${decision.reason}`);
      ok = false;
      continue;
    }
    if (decision.fastForwardFrom !== null) {
      const ancestor = await runGitRaw(gitDir, [
        "merge-base",
        "--is-ancestor",
        decision.fastForwardFrom,
        decision.rev
      ]);
      if (ancestor.code !== 0) {
        print(
          `opsledger: refusing ${update.ref}: a non-fast-forward update rewrites the history of the tracked branch (its audit trail)`
        );
        print("opsledger: hint: merge or revert instead of force-pushing, or ask the server admin");
        ok = false;
        continue;
      }
    }
    const report = await validateSource(await openTreeSource(gitDir, decision.rev), { rules });
    const failed = report.counts.errors > 0 || settings.strict && report.counts.warnings > 0;
    if (report.findings.length > 0 || failed) {
      print(
        `opsledger: ${update.ref} at ${decision.rev.slice(0, 12)} (rules of ${report.rules?.label ?? "its own commit"}):`
      );
      for (const line of renderValidationText(report, settings.strict).split("\n")) print(line);
    }
    if (failed) {
      print(
        `opsledger: refusing ${update.ref}: its new tip has invalid definitions (fix them and push again)`
      );
      ok = false;
    }
  }
  return ok;
}
async function readSettings(gitDir) {
  const flag = async (name) => {
    const result = await runGitRaw(gitDir, ["config", "--bool", "--get", `opsledger.${name}`]);
    return result.code === 0 && result.stdout.trim() === "true";
  };
  const [allBranches, allowDeleteTracked, allowForcePush, strict, pinned] = await Promise.all([
    flag("validateAllBranches"),
    flag("allowDeleteTracked"),
    flag("allowForcePush"),
    flag("strict"),
    runGitRaw(gitDir, ["config", "--get", "opsledger.branch"])
  ]);
  const branch = pinned.code === 0 && pinned.stdout.trim() !== "" ? pinned.stdout.trim() : null;
  return { branch, allBranches, allowDeleteTracked, allowForcePush, strict };
}

// src/cli/commands/hooks.ts
var EXAMPLES = `
Examples:
  $ opsledger hooks install                      # this repo (core.hooksPath=hooks) or copies into .git/hooks
  $ opsledger hooks install --target ../ops-repo # another repo's pre-commit and commit-msg
  $ opsledger hooks install --target /srv/git/ops.git   # a bare repo on a server: the pre-receive hook
  $ opsledger hooks uninstall --target ../ops-repo

The hooks call: pre-commit -> \`opsledger validate --staged\`, commit-msg -> \`opsledger hooks commit-msg FILE\`,
pre-receive -> \`opsledger hooks pre-receive\` (ref updates on stdin, as git gives them).`;
var hooksCommand = (program, app) => {
  const hooks = program.command("hooks").description("install the git hooks (pre-commit, commit-msg, pre-receive) and run their checks").addHelpText("after", EXAMPLES);
  hooks.command("install").description("install the hooks into a repo (default: the current one)").option("--target <dir>", "the repo to install into: a work tree or a bare repository").option("--bare", "also install the server-side pre-receive hook (implied for a bare repository)").option("--force", "replace hooks that are not opsledger's (kept as <name>.before-opsledger)").action(
    wrap(program, app, async (json, options) => {
      const result = await installHooks({
        dir: targetDir(program, app, options.target),
        hooksSource: path.join(PACKAGE_ROOT, "hooks"),
        command: { node: process.execPath, bin: path.join(PACKAGE_ROOT, "bin", "opsledger.js") },
        server: options.bare === true,
        force: options.force === true
      });
      if (json) app.out.json(result);
      else {
        app.out.line(
          result.mode === "hooks-path" ? `core.hooksPath set to hooks/ (${result.hooks.join(", ")} run from ${result.hooksDir})` : `installed ${result.hooks.join(", ")} into ${result.hooksDir}`
        );
        for (const backup of result.backups) app.out.line(`kept the previous hook as ${backup}`);
      }
      return EXIT.ok;
    })
  );
  hooks.command("uninstall").description("remove opsledger's hooks from a repo (restoring hooks they replaced)").option("--target <dir>", "the repo to remove them from").action(
    wrap(program, app, async (json, options) => {
      const result = await uninstallHooks(targetDir(program, app, options.target));
      if (json) app.out.json(result);
      else {
        if (result.unsetHooksPath) app.out.line("core.hooksPath unset");
        for (const file of result.removed) app.out.line(`removed ${file}`);
        for (const file of result.restored) app.out.line(`restored ${file}`);
      }
      return EXIT.ok;
    })
  );
  hooks.command("pre-receive").description("the pre-receive check: reads `<old> <new> <ref>` lines on stdin (run by hooks/pre-receive)").action(
    wrap(program, app, async () => {
      const input = await readStdin();
      const ok = await runPreReceive({
        gitDir: targetDir(program, app, void 0),
        input,
        print: (line) => app.out.info(line)
      });
      return ok ? EXIT.ok : EXIT.findings;
    })
  );
  hooks.command("commit-msg").description("the commit-msg check of a message file (run by hooks/commit-msg)").argument("<file>", "the commit message file git passes to the hook").action(
    wrap(program, app, async (_json, file) => {
      const dir = targetDir(program, app, void 0);
      const text = await readFile(path.resolve(app.cwd, file), "utf8").catch((err) => {
        throw new OpsledgerError("PATH_NOT_FOUND", `cannot read ${file}: ${err.message}`);
      });
      const comment = await runGitRaw(dir, ["config", "--get", "core.commentChar"]).catch(() => null);
      const commentChar = comment?.code === 0 && comment.stdout.trim().length === 1 ? comment.stdout.trim() : "#";
      const problems = checkCommitMessage(text, commentChar);
      for (const p of problems) app.out.info(`commit-msg:${p.line}: ${p.message}`);
      if (problems.length > 0)
        app.out.info("opsledger: commit refused: fix the message (it is kept in .git/COMMIT_EDITMSG)");
      return problems.length > 0 ? EXIT.findings : EXIT.ok;
    })
  );
};
function targetDir(program, app, target) {
  return path.resolve(app.cwd, target ?? program.opts().repo ?? ".");
}
function wrap(program, app, handler) {
  return async (...args) => {
    const json = program.opts().json === true;
    try {
      app.exitCode = await handler(json, ...args);
    } catch (err) {
      app.exitCode = reportError(err, json, app.out);
    }
  };
}
async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}
export {
  hooksCommand
};
