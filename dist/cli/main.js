function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  mayExitOnClosedPipe
} from "../chunks/chunk-HGX4R2HL.js";
import {
  Command,
  CommanderError
} from "../chunks/chunk-H5P7JABC.js";
import {
  createCliApp,
  reportError
} from "../chunks/chunk-U2P7YM5Y.js";
import "../chunks/chunk-J2KV253P.js";
import {
  createOutput
} from "../chunks/chunk-62XZGVG2.js";
import "../chunks/chunk-LLA3MDQI.js";
import "../chunks/chunk-GB75QTYU.js";
import "../chunks/chunk-AYTYQZ6H.js";
import "../chunks/chunk-G56DPNIV.js";
import {
  EXIT,
  OpsledgerError
} from "../chunks/chunk-WDLZ6EAF.js";
import {
  setLockWaitReporter
} from "../chunks/chunk-UC4CDG3P.js";
import "../chunks/chunk-5EEFVU5U.js";
import {
  PACKAGE_VERSION
} from "../chunks/chunk-M2VQNUJS.js";
import "../chunks/chunk-SMWZYUQH.js";
import "../chunks/chunk-6O2CUPPL.js";
import "../chunks/chunk-RAK6EWF2.js";

// src/cli/commands/command-name.ts
var GLOBAL_OPTIONS_WITH_VALUE = /* @__PURE__ */ new Set(["--repo", "--data-dir", "--database-url"]);
function commandNameOf(args) {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--") return void 0;
    if (GLOBAL_OPTIONS_WITH_VALUE.has(arg)) {
      i++;
      continue;
    }
    if (!arg.startsWith("-")) return arg;
  }
  return void 0;
}

// src/cli/commands/index.ts
var COMMANDS = {
  init: async () => (await import("../chunks/init-ICIPIYKU.js")).initCommand,
  new: async () => (await import("../chunks/new-6TRLTMTB.js")).newCommand,
  schemas: async () => (await import("../chunks/schemas-5VR3BSTY.js")).schemasCommand,
  validate: async () => (await import("../chunks/validate-MJVQSHSZ.js")).validateCommand,
  history: async () => (await import("../chunks/history-2LNUSUCO.js")).historyCommand,
  audit: async () => (await import("../chunks/audit-7MLUNYXC.js")).auditCommand,
  show: async () => (await import("../chunks/show-VEVVGBWD.js")).showCommand,
  blame: async () => (await import("../chunks/blame-BUYTLPWB.js")).blameCommand,
  diff: async () => (await import("../chunks/diff-DDM7WEZG.js")).diffCommand,
  "pr-check": async () => (await import("../chunks/pr-check-NO3HUEN6.js")).prCheckCommand,
  approvals: async () => (await import("../chunks/approvals-AXXPX7SL.js")).approvalsCommand,
  revert: async () => (await import("../chunks/revert-6LZM77FD.js")).revertCommand,
  run: async () => (await import("../chunks/run-UU2EROGW.js")).runCommand,
  runbook: async () => (await import("../chunks/runbook-MH2ERL7C.js")).runbookCommand,
  exec: async () => (await import("../chunks/exec-5MR3GAPZ.js")).execCommand,
  executions: async () => (await import("../chunks/executions-C4V4GXKQ.js")).executionsCommand,
  spool: async () => (await import("../chunks/spool-JVVPPCVC.js")).spoolCommand,
  schedules: async () => (await import("../chunks/schedules-YMWKBJWX.js")).schedulesCommand,
  verify: async () => (await import("../chunks/verify-S2TEVD4L.js")).verifyCommand,
  anchor: async () => (await import("../chunks/anchor-OCFG4SDN.js")).anchorCommand,
  retention: async () => (await import("../chunks/retention-NJAKWKKD.js")).retentionCommand,
  anonymize: async () => (await import("../chunks/anonymize-WCJ5LNP6.js")).anonymizeCommand,
  report: async () => (await import("../chunks/report-A7KREGRA.js")).reportCommand,
  serve: async () => (await import("../chunks/serve-KKNQUH77.js")).serveCommand,
  keys: async () => (await import("../chunks/keys-YMK4XK2C.js")).keysCommand,
  hooks: async () => (await import("../chunks/hooks-33KTDADW.js")).hooksCommand,
  completion: async () => (await import("../chunks/completion-QHUEBLB7.js")).completionCommand,
  webhooks: async () => (await import("../chunks/webhooks-PTINA6LM.js")).webhooksCommand,
  export: async () => (await import("../chunks/export-E4LLSTAT.js")).exportCommand,
  journal: async () => (await import("../chunks/journal-7DVUT7MW.js")).journalCommand,
  db: async () => (await import("../chunks/db-5JFWPI3V.js")).dbCommand
};
var NEEDS_ALL = /* @__PURE__ */ new Set(["completion"]);
async function loadCommands(args) {
  const name = commandNameOf(args);
  const named = name === void 0 ? void 0 : COMMANDS[name];
  if (named && !NEEDS_ALL.has(name)) return [await named()];
  if (name === void 0 && args.some((a) => a === "--version" || a === "-V")) return [];
  if (name !== "help" && !named) return [(await import("../chunks/command-summaries-OCXLLYQG.js")).registerCommandSummaries];
  return Promise.all(Object.values(COMMANDS).map((load) => load()));
}

// src/cli/run-command.ts
function openCliOutput(io) {
  const out = createOutput(io.stdout, io.stderr);
  setLockWaitReporter((message) => out.info(`opsledger: ${message}`));
  return out;
}

// src/cli/run-cli.ts
async function runCli(argv, io, load) {
  const out = openCliOutput(io);
  const program = createProgram(io);
  const app = createCliApp(program, { out, env: io.env, cwd: io.cwd });
  for (const register of await load(argv.slice(2))) register(program, app);
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
function createProgram(io) {
  return new Command("opsledger").description(
    "Git-backed audit of script automation: change history, execution journal, reports, REST API."
  ).version(PACKAGE_VERSION).option(
    "--repo <dir>",
    "the git repo holding definitions/ (default: git top level of the current directory)"
  ).option(
    "--data-dir <dir>",
    "where the journal and state live (default: <repo>/.opsledger, or $OPSLEDGER_DATA_DIR)"
  ).option(
    "--database-url <url>",
    "a PostgreSQL journal (postgres://\u2026) instead of the data dir's files (default: journal.url_env when journal.backend is postgres)"
  ).option("--json", "print one JSON document on stdout (reading commands)").option("--no-pager", "never page long output through $PAGER (executions, audit)").configureHelp({ showGlobalOptions: true }).showSuggestionAfterError().configureOutput({
    writeOut: (s) => void io.stdout.write(s),
    writeErr: (s) => void io.stderr.write(s),
    // commander's own usage errors are reported in the contract's format below.
    outputError: () => void 0
  }).exitOverride();
}

// src/cli/main.ts
function main(argv, io = { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() }) {
  return runCli(argv, io, loadCommands);
}
export {
  main,
  mayExitOnClosedPipe
};
