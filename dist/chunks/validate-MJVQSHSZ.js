function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  openWorkTreeSource
} from "./chunk-U6EHMBAM.js";
import {
  isValidationOk,
  renderValidationGithub,
  renderValidationText,
  toValidationJson
} from "./chunk-NC3HR3AM.js";
import {
  createGitEntriesSource,
  openTreeSource,
  parseGitListing,
  validateSource
} from "./chunk-XPH2G7LF.js";
import "./chunk-YW6NSWKR.js";
import "./chunk-PXRWYUTO.js";
import "./chunk-GKUXOMQD.js";
import "./chunk-NR2XG3EO.js";
import "./chunk-PEN3FHEJ.js";
import {
  Option
} from "./chunk-H5P7JABC.js";
import {
  reportError
} from "./chunk-U2P7YM5Y.js";
import "./chunk-J2KV253P.js";
import "./chunk-LLA3MDQI.js";
import "./chunk-GB75QTYU.js";
import {
  runGit,
  runGitRaw
} from "./chunk-AYTYQZ6H.js";
import "./chunk-G56DPNIV.js";
import {
  EXIT,
  OpsledgerError
} from "./chunk-WDLZ6EAF.js";
import "./chunk-J7SPUE3Q.js";
import "./chunk-5EEFVU5U.js";
import "./chunk-M2VQNUJS.js";
import "./chunk-SMWZYUQH.js";
import "./chunk-6O2CUPPL.js";
import "./chunk-O64KD3H5.js";
import "./chunk-N5OJQZGE.js";
import "./chunk-RAK6EWF2.js";

// src/cli/commands/validate.ts
import path from "node:path";

// src/definitions/sources/open-index-source.ts
async function openIndexSource(root) {
  const output = await runGit(root, ["ls-files", "-s", "-z", "--full-name"]);
  return createGitEntriesSource({
    gitDir: root,
    kind: "index",
    label: "index",
    entries: parseGitListing(output, "ls-files")
  });
}

// src/definitions/open-definition-source.ts
async function openDefinitionSource(dir, choice) {
  const probe = await runGitRaw(dir, ["rev-parse", "--absolute-git-dir", "--is-inside-work-tree"]).catch(
    () => void 0
  );
  if (!probe || probe.code !== 0) {
    throw new OpsledgerError("NOT_A_REPO", `${dir} is not inside a git repository`);
  }
  const [gitDir = dir, insideWorkTree] = probe.stdout.trim().split("\n");
  let root = null;
  if (insideWorkTree === "true") {
    const top = await runGitRaw(dir, ["rev-parse", "--show-toplevel"]);
    root = top.code === 0 ? top.stdout.trim() : null;
  }
  if (choice.from === "tree") {
    return { source: await openTreeSource(root ?? gitDir, choice.rev), root, gitDir };
  }
  if (root === null) {
    throw new OpsledgerError("USAGE", `${dir} has no work tree (a bare repository or a .git folder)`, {
      hint: "Validate a commit with --rev REV, e.g. `opsledger validate --rev main`."
    });
  }
  const source = choice.from === "index" ? await openIndexSource(root) : openWorkTreeSource(root);
  return { source, root, gitDir };
}

// src/cli/commands/validate.ts
var EXAMPLES = `
Examples:
  $ opsledger validate                          # the work tree, whole repo
  $ opsledger validate definitions/runbooks     # report on one folder (rules still see every definition)
  $ opsledger validate --staged                 # what \`git commit\` would record (pre-commit hook)
  $ opsledger validate --rev main               # a commit; works in a bare repo (pre-receive hook)
  $ opsledger validate --rev HEAD --rules-from origin/main   # a pull request judged by its base's rules
  $ opsledger validate --format github          # annotations for GitHub Actions
  $ opsledger validate --json --strict          # one JSON document; warnings fail too

Exit codes: 0 valid (warnings allowed unless --strict), 1 findings, 2 usage error (e.g. a path that does not exist).`;
var validateCommand = (program, app) => {
  program.command("validate").description("check definitions: YAML, schemas, cross-file rules, script files (exit 1 on errors)").argument("[paths...]", "files or folders to report on (default: the whole repo)").option("--staged", "validate the git index: what `git commit` would record").option("--rev <rev>", "validate a commit, branch or tag (works in a bare repo)").option(
    "--rules-from <rev>",
    "judge by this commit's rules (opsledger.yaml and schemas), not the checked source's own"
  ).addOption(
    new Option("--format <format>", "output format").choices(["text", "json", "github"]).default("text")
  ).option("--strict", "warnings fail validation too").addHelpText("after", EXAMPLES).action(async (paths, options) => {
    const global = program.opts();
    const format = global.json === true ? "json" : options.format;
    try {
      app.exitCode = await runValidate(paths, options, format, global, app.cwd, app.out);
    } catch (err) {
      app.exitCode = reportError(err, format === "json", app.out);
    }
  });
};
async function runValidate(paths, options, format, global, cwd, out) {
  if (options.staged && options.rev !== void 0) {
    throw new OpsledgerError("USAGE", "--staged and --rev cannot be used together");
  }
  const choice = options.staged ? { from: "index" } : options.rev !== void 0 ? { from: "tree", rev: options.rev } : { from: "worktree" };
  const dir = path.resolve(cwd, global.repo ?? ".");
  const { source, root } = await openDefinitionSource(dir, choice);
  const rules = options.rulesFrom === void 0 ? void 0 : (await openDefinitionSource(dir, { from: "tree", rev: options.rulesFrom })).source;
  const scopes = await Promise.all(paths.map((p) => resolveScope(p, cwd, root, source)));
  const report = await validateSource(source, { paths: scopes, ...rules ? { rules } : {} });
  const strict = options.strict === true;
  if (format === "json") out.json(toValidationJson(report, strict));
  else if (format === "github") out.line(renderValidationGithub(report, strict));
  else out.line(renderValidationText(report, strict));
  return isValidationOk(report, strict) ? EXIT.ok : EXIT.findings;
}
async function resolveScope(arg, cwd, root, source) {
  const candidates = [];
  if (root !== null) {
    const fromCwd = path.relative(root, path.resolve(cwd, arg));
    if (!fromCwd.startsWith("..") && !path.isAbsolute(fromCwd)) candidates.push(fromCwd);
  }
  if (!path.isAbsolute(arg)) candidates.push(path.normalize(arg));
  for (const candidate of candidates) {
    const rel = candidate.split(path.sep).join("/").replace(/^\.$/, "").replace(/\/+$/, "");
    if (rel.startsWith("..")) continue;
    if (rel === "" || (await source.lookup(rel)).type !== "missing") return rel;
  }
  throw new OpsledgerError("PATH_NOT_FOUND", `${arg} does not exist in the ${source.label}`, {
    hint: "Paths are relative to the current directory or to the repo root, and must be inside the repo."
  });
}
export {
  validateCommand
};
