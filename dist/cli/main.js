import {
  mayExitOnClosedPipe
} from "../chunks/chunk-JIISAF5R.js";
import {
  createCliApp,
  reportError
} from "../chunks/chunk-3UNJAVQ7.js";
import {
  createOutput
} from "../chunks/chunk-ANG7WQ2Z.js";
import "../chunks/chunk-FXXI3T3N.js";
import "../chunks/chunk-QT6CJFXI.js";
import {
  EXIT,
  OpsledgerError
} from "../chunks/chunk-VDHVSJ3T.js";
import {
  setLockWaitReporter
} from "../chunks/chunk-W3QUCTQE.js";
import {
  PACKAGE_VERSION
} from "../chunks/chunk-5GMYRA7S.js";

// src/cli/main.ts
import { Command, CommanderError } from "commander";

// src/cli/commands/index.ts
var COMMANDS = {
  init: async () => (await import("../chunks/init-HHLTO442.js")).initCommand,
  new: async () => (await import("../chunks/new-Q5T2EEBY.js")).newCommand,
  schemas: async () => (await import("../chunks/schemas-VTVGRX3Z.js")).schemasCommand,
  validate: async () => (await import("../chunks/validate-RW236CXP.js")).validateCommand,
  history: async () => (await import("../chunks/history-QHFGQ6WN.js")).historyCommand,
  audit: async () => (await import("../chunks/audit-47WAJ7RW.js")).auditCommand,
  show: async () => (await import("../chunks/show-XC3PGZIV.js")).showCommand,
  blame: async () => (await import("../chunks/blame-7P7VJG2J.js")).blameCommand,
  diff: async () => (await import("../chunks/diff-KOPTPLNR.js")).diffCommand,
  revert: async () => (await import("../chunks/revert-FEDJVYSX.js")).revertCommand,
  run: async () => (await import("../chunks/run-TAYJTK3O.js")).runCommand,
  runbook: async () => (await import("../chunks/runbook-TEOPRIOE.js")).runbookCommand,
  exec: async () => (await import("../chunks/exec-4IN6LDU7.js")).execCommand,
  executions: async () => (await import("../chunks/executions-WXJ2RLFS.js")).executionsCommand,
  schedules: async () => (await import("../chunks/schedules-Q7I4FMKD.js")).schedulesCommand,
  verify: async () => (await import("../chunks/verify-YPMMUCWE.js")).verifyCommand,
  anchor: async () => (await import("../chunks/anchor-GNNRJSPC.js")).anchorCommand,
  retention: async () => (await import("../chunks/retention-OK2RZ44Y.js")).retentionCommand,
  anonymize: async () => (await import("../chunks/anonymize-7KFJUOLF.js")).anonymizeCommand,
  report: async () => (await import("../chunks/report-XX3FJBC4.js")).reportCommand,
  serve: async () => (await import("../chunks/serve-J42OT6A6.js")).serveCommand,
  keys: async () => (await import("../chunks/keys-XKFIDREF.js")).keysCommand,
  hooks: async () => (await import("../chunks/hooks-LK4OHHSN.js")).hooksCommand,
  completion: async () => (await import("../chunks/completion-FMUPBTX4.js")).completionCommand,
  webhooks: async () => (await import("../chunks/webhooks-4HYHZLSR.js")).webhooksCommand,
  export: async () => (await import("../chunks/export-I5VIL2YR.js")).exportCommand
};
var NEEDS_ALL = /* @__PURE__ */ new Set(["completion"]);
var GLOBAL_OPTIONS_WITH_VALUE = /* @__PURE__ */ new Set(["--repo", "--data-dir"]);
async function loadCommands(args) {
  let name;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--") break;
    if (GLOBAL_OPTIONS_WITH_VALUE.has(arg)) {
      i++;
      continue;
    }
    if (arg.startsWith("-")) continue;
    name = arg;
    break;
  }
  const named = name === void 0 ? void 0 : COMMANDS[name];
  if (named && !NEEDS_ALL.has(name)) return [await named()];
  if (name === void 0 && args.some((a) => a === "--version" || a === "-V")) return [];
  return Promise.all(Object.values(COMMANDS).map((load) => load()));
}

// src/cli/main.ts
async function main(argv, io = { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() }) {
  const out = createOutput(io.stdout, io.stderr);
  setLockWaitReporter((message) => out.info(`opsledger: ${message}`));
  const program = new Command("opsledger").description(
    "Git-backed audit of script automation: change history, execution journal, reports, REST API."
  ).version(PACKAGE_VERSION).option(
    "--repo <dir>",
    "the git repo holding definitions/ (default: git top level of the current directory)"
  ).option(
    "--data-dir <dir>",
    "where the journal and state live (default: <repo>/.opsledger, or $OPSLEDGER_DATA_DIR)"
  ).option("--json", "print one JSON document on stdout (reading commands)").option("--no-pager", "never page long output through $PAGER (executions, audit)").configureHelp({ showGlobalOptions: true }).showSuggestionAfterError().configureOutput({
    writeOut: (s) => void io.stdout.write(s),
    writeErr: (s) => void io.stderr.write(s),
    // commander's own usage errors are reported in the contract's format below.
    outputError: () => void 0
  }).exitOverride();
  const app = createCliApp(program, { out, env: io.env, cwd: io.cwd });
  for (const register of await loadCommands(argv.slice(2))) register(program, app);
  program.commands.forEach(
    (c) => c.exitOverride().configureOutput({ outputError: () => void 0 })
  );
  try {
    await program.parseAsync(argv);
    return app.exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.exitCode === 0 || err.code === "commander.helpDisplayed" || err.code === "commander.version") {
        return EXIT.ok;
      }
      if (err.code === "commander.help") return EXIT.ok;
      const message = err.message.replace(/^error:\s*/i, "");
      return reportError(
        new OpsledgerError("USAGE", message),
        program.opts().json === true,
        out
      );
    }
    return reportError(err, false, out);
  }
}
export {
  main,
  mayExitOnClosedPipe
};
