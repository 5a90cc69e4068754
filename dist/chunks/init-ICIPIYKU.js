function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  CLIENT_HOOKS,
  HOOK_LIB,
  installHooks
} from "./chunk-5QO4VVME.js";
import {
  actionSkeleton,
  adminRole,
  configTemplate,
  preCommitConfig
} from "./chunk-ZVFJLFHK.js";
import {
  diffText
} from "./chunk-DEWOBADM.js";
import {
  reportError
} from "./chunk-U2P7YM5Y.js";
import "./chunk-J2KV253P.js";
import "./chunk-LLA3MDQI.js";
import {
  findRepoRoot
} from "./chunk-GB75QTYU.js";
import {
  runGit,
  runGitRaw
} from "./chunk-AYTYQZ6H.js";
import "./chunk-G56DPNIV.js";
import {
  EXIT,
  OpsledgerError
} from "./chunk-WDLZ6EAF.js";
import {
  SHIPPED_SCHEMA_DIR
} from "./chunk-J7SPUE3Q.js";
import "./chunk-5EEFVU5U.js";
import {
  PACKAGE_REPOSITORY,
  PACKAGE_ROOT,
  PACKAGE_VERSION
} from "./chunk-M2VQNUJS.js";
import "./chunk-SMWZYUQH.js";
import "./chunk-6O2CUPPL.js";
import "./chunk-N5OJQZGE.js";
import "./chunk-RAK6EWF2.js";

// src/cli/commands/init.ts
import path2 from "node:path";

// src/scaffold/apply-init.ts
import { mkdir, readFile, readdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";

// src/scaffold/github-workflow.ts
function pinWorkflowVersion(template, version) {
  return template.replace(/(opsledger@)\d+\.\d+\.\d+/g, `$1${version}`).replace(/(opsledger\/opsledger@v)\d+\.\d+\.\d+/g, `$1${version}`).replace(/^(\s*version: )\d+\.\d+\.\d+$/gm, `$1${version}`);
}

// src/scaffold/plan-init.ts
var EXAMPLE_ACTION = "definitions/actions/hello-world.yaml";
var ADMIN_ROLE = "definitions/roles/admins.yaml";
function planInit(input) {
  const files = [];
  const own = (path3, content) => files.push({ path: path3, content, rule: "own" });
  for (const [name, text] of Object.entries(input.schemas).sort(([a], [b]) => a.localeCompare(b))) {
    own(`definitions/schema/${name}`, text);
  }
  if (!input.hasActions) own(EXAMPLE_ACTION, actionSkeleton("hello-world", input.email, "released"));
  own("definitions/runbooks/.gitkeep", "");
  if (!input.hasRoles) own(ADMIN_ROLE, adminRole(input.email));
  own("opsledger.yaml", configTemplate());
  files.push({
    path: ".gitignore",
    content: `${input.dataDir.replace(/\/?$/, "/")}
`,
    rule: "append-lines"
  });
  files.push({ path: ".vscode/settings.json", content: vscodeSettings(), rule: "json-merge" });
  if (input.hooks === "pre-commit-framework") {
    own(".pre-commit-config.yaml", preCommitConfig(input.repoUrl, input.version));
  }
  if (input.github) {
    for (const [name, text] of Object.entries(input.workflows ?? {}).sort(([a], [b]) => a < b ? -1 : 1))
      own(`.github/workflows/${name}`, pinWorkflowVersion(text, input.version));
  }
  return files;
}
function judgeFile(planned, current, force) {
  const { path: path3 } = planned;
  if (current === null) return { path: path3, status: "create", content: planned.content };
  if (planned.rule === "append-lines") {
    const have = new Set(current.split(/\r?\n/).map((l) => l.trim()));
    const missing = planned.content.split("\n").filter((l) => l.trim() !== "" && !have.has(l.trim()));
    if (missing.length === 0) return { path: path3, status: "unchanged" };
    const sep = current === "" || current.endsWith("\n") ? "" : "\n";
    return { path: path3, status: "update", content: `${current}${sep}${missing.join("\n")}
`, previous: current };
  }
  if (planned.rule === "json-merge") return mergeJson(planned, current, force);
  if (current === planned.content) return { path: path3, status: "unchanged" };
  if (force) return { path: path3, status: "replace", content: planned.content, previous: current };
  return {
    path: path3,
    status: "kept",
    previous: current,
    content: planned.content,
    note: `yours differs from opsledger's; --force ${path3} replaces it`
  };
}
function mergeJson(planned, current, force) {
  const { path: path3 } = planned;
  const ours = JSON.parse(planned.content);
  let theirs;
  try {
    theirs = JSON.parse(current);
  } catch {
    if (force) return { path: path3, status: "replace", content: planned.content, previous: current };
    return {
      path: path3,
      status: "kept",
      previous: current,
      content: planned.content,
      note: `not plain JSON; add the "yaml.schemas" mapping by hand, or --force ${path3}`
    };
  }
  if (theirs === null || typeof theirs !== "object" || Array.isArray(theirs)) {
    return { path: path3, status: "kept", previous: current, content: planned.content, note: "not a JSON object" };
  }
  const merged = { ...theirs };
  const clashes = [];
  for (const [key, value] of Object.entries(ours)) {
    if (!(key in merged)) merged[key] = value;
    else if (JSON.stringify(merged[key]) !== JSON.stringify(value)) {
      if (force) merged[key] = value;
      else clashes.push(key);
    }
  }
  if (clashes.length > 0) {
    return {
      path: path3,
      status: "kept",
      previous: current,
      content: `${JSON.stringify({ ...merged, ...ours }, null, 2)}
`,
      note: `"${clashes.join('", "')}" already set; --force ${path3} sets opsledger's value`
    };
  }
  const content = `${JSON.stringify(merged, null, 2)}
`;
  if (JSON.stringify(merged) === JSON.stringify(theirs)) return { path: path3, status: "unchanged" };
  return { path: path3, status: "update", content, previous: current };
}
function vscodeSettings() {
  return `${JSON.stringify(
    {
      "yaml.schemas": {
        "./definitions/schema/action.schema.json": "definitions/actions/**/*.yaml",
        "./definitions/schema/runbook.schema.json": "definitions/runbooks/**/*.yaml",
        "./definitions/schema/role.schema.json": "definitions/roles/**/*.yaml",
        "./definitions/schema/config.schema.json": "opsledger.yaml"
      }
    },
    null,
    2
  )}
`;
}

// src/scaffold/apply-init.ts
async function applyInit(options) {
  const email = options.admin ?? await gitEmail(options.root);
  const schemas = {};
  for (const name of (await readdir(options.schemaDir)).filter((n) => n.endsWith(".schema.json"))) {
    schemas[name] = await readFile(path.join(options.schemaDir, name), "utf8");
  }
  const workflows = {};
  if (options.github) {
    for (const name of (await readdir(options.workflowDir)).filter((n) => n.endsWith(".yml"))) {
      workflows[name] = await readFile(path.join(options.workflowDir, name), "utf8");
    }
  }
  const planned = planInit({
    workflows,
    email,
    version: options.version,
    repoUrl: options.repoUrl,
    schemas,
    hooks: options.hooks,
    github: options.github,
    hasActions: await hasYaml(path.join(options.root, "definitions/actions"), "hello-world.yaml"),
    hasRoles: await hasYaml(path.join(options.root, "definitions/roles"), "admins.yaml"),
    dataDir: options.dataDir
  });
  const files = [];
  for (const file of planned) {
    const current = await readFile(path.join(options.root, file.path), "utf8").catch(() => null);
    files.push(judgeFile(file, current, options.force.has(file.path)));
  }
  for (const dir of ["definitions/actions", "definitions/runbooks", "definitions/roles"]) {
    if (!options.dryRun) await mkdir(path.join(options.root, dir), { recursive: true });
  }
  if (!options.dryRun) {
    for (const f of files) {
      if (f.content === void 0 || !["create", "update", "replace"].includes(f.status)) continue;
      await writeAtomically(path.join(options.root, f.path), f.content);
    }
  }
  const hooks = await initHooks(options);
  const unchanged = files.every((f) => f.status === "unchanged" || f.status === "kept") && (hooks.status === "unchanged" || hooks.status === "skipped" || hooks.status === "conflict");
  return { root: options.root, files, hooks, unchanged };
}
async function initHooks(options) {
  if (options.hooks !== "git") {
    return {
      status: "skipped",
      detail: options.hooks === "none" ? "--hooks none" : "run `pre-commit install`"
    };
  }
  const hooksDir = path.resolve(
    options.root,
    (await runGit(options.root, ["rev-parse", "--git-path", "hooks"])).trim()
  );
  const same = await Promise.all(
    [...CLIENT_HOOKS, HOOK_LIB].map(async (name) => {
      const [mine, theirs] = await Promise.all([
        readFile(path.join(options.hooksSource, name), "utf8").catch(() => null),
        readFile(path.join(hooksDir, name), "utf8").catch(() => null)
      ]);
      return mine !== null && mine === theirs;
    })
  );
  const bin = await runGitRaw(options.root, ["config", "--get", "opsledger.bin"]);
  if (same.every(Boolean) && bin.stdout.trim() === options.command.bin) {
    return { status: "unchanged", detail: `${CLIENT_HOOKS.join(", ")} in ${hooksDir}` };
  }
  if (options.dryRun) return { status: "installed", detail: `would install ${CLIENT_HOOKS.join(", ")}` };
  try {
    const result = await installHooks({
      dir: options.root,
      hooksSource: options.hooksSource,
      command: options.command,
      force: options.force.has("hooks")
    });
    return { status: "installed", detail: `${result.hooks.join(", ")} in ${result.hooksDir}` };
  } catch (err) {
    if (err instanceof OpsledgerError && err.code === "HOOK_CONFLICT") {
      return {
        status: "conflict",
        detail: `${err.message}; --force hooks keeps them as <name>.before-opsledger`
      };
    }
    throw err;
  }
}
async function gitEmail(root) {
  const out = await runGitRaw(root, ["config", "--get", "user.email"]);
  const email = out.stdout.trim();
  if (out.code !== 0 || email === "") {
    throw new OpsledgerError(
      "INPUT_INVALID",
      "git config user.email is not set: the admin role needs your email",
      {
        hint: "git config user.email you@example.com (or pass --admin EMAIL)"
      }
    );
  }
  return email;
}
async function hasYaml(dir, except) {
  const names = await readdir(dir, { recursive: true }).catch(() => []);
  return names.some((n) => /\.ya?ml$/.test(n) && path.basename(n) !== except);
}
async function writeAtomically(file, content) {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(`${file}.opsledger-tmp`, content);
  await rename(`${file}.opsledger-tmp`, file);
}

// src/cli/commands/init.ts
var EXAMPLES = `
Examples:
  $ git init ops && cd ops && opsledger init     # a new repo
  $ opsledger init --dry-run --diff              # what it would write into this repo, and how it differs
  $ opsledger init --hooks pre-commit-framework  # .pre-commit-config.yaml instead of .git/hooks
  $ opsledger init --force opsledger.yaml        # replace one file of yours with opsledger's

Never overwrites a file of yours: it says which ones it kept (--diff shows the difference). A second run changes
nothing and says so.`;
var NEXT = [
  "opsledger validate                      # check the definitions",
  'git add -A && git commit -m "Set up opsledger"',
  "opsledger run hello-world               # a first run, recorded in the journal"
];
var initCommand = (program, app) => {
  program.command("init").description("set opsledger up in a git repo: definitions folders, schemas, an admin role, config, hooks").argument("[dir]", "the repo (default: --repo, else the current directory)").option(
    "--hooks <kind>",
    "git (the pre-commit and commit-msg hooks) | pre-commit-framework | none",
    "git"
  ).option("--github", "also write a GitHub Actions workflow that validates pull requests").option(
    "--force <path>",
    'replace this file of yours (repeatable; "hooks" replaces foreign git hooks)',
    collect,
    []
  ).option("--admin <email>", "the admin role member (default: git config user.email)").option("--dry-run", "say what would change, change nothing").option("--diff", "show the difference for every file kept, updated or replaced").addHelpText("after", EXAMPLES).action(async (dir, flags) => {
    const json = program.opts().json === true;
    try {
      app.exitCode = await runInit(program, app, dir, flags, json);
    } catch (err) {
      app.exitCode = reportError(err, json, app.out);
    }
  });
};
async function runInit(program, app, dir, flags, json) {
  if (!["git", "pre-commit-framework", "none"].includes(flags.hooks)) {
    throw new OpsledgerError("USAGE", `--hooks ${flags.hooks}: expected git, pre-commit-framework or none`);
  }
  const root = await findRepoRoot(path2.resolve(app.cwd, dir ?? program.opts().repo ?? "."));
  const result = await applyInit({
    root,
    hooks: flags.hooks,
    github: flags.github === true,
    force: new Set(
      flags.force.map((f) => f === "hooks" ? f : path2.relative(root, path2.resolve(app.cwd, f)))
    ),
    dryRun: flags.dryRun === true,
    ...flags.admin === void 0 ? {} : { admin: flags.admin },
    version: PACKAGE_VERSION,
    repoUrl: PACKAGE_REPOSITORY,
    schemaDir: SHIPPED_SCHEMA_DIR,
    workflowDir: path2.join(PACKAGE_ROOT, "docs", "workflows"),
    hooksSource: path2.join(PACKAGE_ROOT, "hooks"),
    command: { node: process.execPath, bin: path2.join(PACKAGE_ROOT, "bin", "opsledger.js") },
    dataDir: ".opsledger"
  });
  if (json) {
    app.out.json({
      root: result.root,
      dry_run: flags.dryRun === true,
      unchanged: result.unchanged,
      files: result.files.map(({ path: p, status, note }) => ({
        path: p,
        status,
        ...note ? { note } : {}
      })),
      hooks: result.hooks,
      next: NEXT.map((line) => line.replace(/\s+#.*$/, ""))
    });
    return EXIT.ok;
  }
  await printResult(app, result, flags);
  return EXIT.ok;
}
var VERBS = {
  create: ["created", "would create"],
  update: ["updated", "would update"],
  replace: ["replaced", "would replace"],
  kept: ["kept", "kept"]
};
async function printResult(app, result, flags) {
  const dry = flags.dryRun === true;
  if (result.unchanged) {
    app.out.line(`opsledger is already set up in ${result.root}: nothing to change.`);
  }
  for (const file of result.files) {
    const verb = VERBS[file.status];
    if (!verb) continue;
    app.out.line(`${dry ? verb[1] : verb[0]} ${file.path}${file.note ? ` (${file.note})` : ""}`);
    if (flags.diff && file.previous !== void 0 && file.content !== void 0) {
      app.out.line(await diffText(file.path, file.previous, file.content));
    }
  }
  if (result.hooks.status === "installed")
    app.out.line(`${dry ? "would install" : "installed"} git hooks: ${result.hooks.detail}`);
  if (result.hooks.status === "conflict") app.out.line(`kept your git hooks: ${result.hooks.detail}`);
  if (result.unchanged) return;
  app.out.line("");
  app.out.line("Next:");
  for (const line of NEXT) app.out.line(`  ${line}`);
}
function collect(value, previous) {
  return [...previous, value];
}
export {
  initCommand
};
