function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  mayExitOnClosedPipe
} from "../chunks/chunk-HGX4R2HL.js";
import {
  createCliApp,
  reportError
} from "../chunks/chunk-GYZAUY6Y.js";
import "../chunks/chunk-J2KV253P.js";
import {
  createOutput
} from "../chunks/chunk-B5FQRBJA.js";
import {
  Command,
  CommanderError
} from "../chunks/chunk-H5P7JABC.js";
import "../chunks/chunk-4YDQLNWF.js";
import "../chunks/chunk-AYTYQZ6H.js";
import "../chunks/chunk-VOCGUP4K.js";
import {
  EXIT,
  OpsledgerError
} from "../chunks/chunk-WDLZ6EAF.js";
import {
  setLockWaitReporter
} from "../chunks/chunk-UC4CDG3P.js";
import {
  PACKAGE_VERSION
} from "../chunks/chunk-EVQIWPD2.js";
import "../chunks/chunk-RAK6EWF2.js";

// src/cli/commands/index.ts
var COMMANDS = {
  init: async () => (await import("../chunks/init-RB3PSFFV.js")).initCommand,
  new: async () => (await import("../chunks/new-PPDJ3NFS.js")).newCommand,
  schemas: async () => (await import("../chunks/schemas-IJUTU2JL.js")).schemasCommand,
  validate: async () => (await import("../chunks/validate-5AUAJL2U.js")).validateCommand,
  history: async () => (await import("../chunks/history-T2DKB2JY.js")).historyCommand,
  audit: async () => (await import("../chunks/audit-MLRODTYW.js")).auditCommand,
  show: async () => (await import("../chunks/show-HSJ5ULF7.js")).showCommand,
  blame: async () => (await import("../chunks/blame-6RF5UW4C.js")).blameCommand,
  diff: async () => (await import("../chunks/diff-THPY4JCZ.js")).diffCommand,
  "pr-check": async () => (await import("../chunks/pr-check-HAD3AIKG.js")).prCheckCommand,
  approvals: async () => (await import("../chunks/approvals-BLHUOXXP.js")).approvalsCommand,
  revert: async () => (await import("../chunks/revert-OOJDDVCK.js")).revertCommand,
  run: async () => (await import("../chunks/run-OBCCXOZY.js")).runCommand,
  runbook: async () => (await import("../chunks/runbook-XPGSGBKE.js")).runbookCommand,
  exec: async () => (await import("../chunks/exec-Q4FZTJTU.js")).execCommand,
  executions: async () => (await import("../chunks/executions-UFZBGRRZ.js")).executionsCommand,
  spool: async () => (await import("../chunks/spool-JBKGCT3Y.js")).spoolCommand,
  schedules: async () => (await import("../chunks/schedules-JRUSLWUF.js")).schedulesCommand,
  verify: async () => (await import("../chunks/verify-FVFLD32W.js")).verifyCommand,
  anchor: async () => (await import("../chunks/anchor-Q5KRZRZW.js")).anchorCommand,
  retention: async () => (await import("../chunks/retention-S3G5DQ27.js")).retentionCommand,
  anonymize: async () => (await import("../chunks/anonymize-EU3QGBV6.js")).anonymizeCommand,
  report: async () => (await import("../chunks/report-5LTAOLEM.js")).reportCommand,
  serve: async () => (await import("../chunks/serve-TVJHWL73.js")).serveCommand,
  keys: async () => (await import("../chunks/keys-PSMKHCLE.js")).keysCommand,
  hooks: async () => (await import("../chunks/hooks-2AYZNICP.js")).hooksCommand,
  completion: async () => (await import("../chunks/completion-YIQITELN.js")).completionCommand,
  webhooks: async () => (await import("../chunks/webhooks-F67RAJY7.js")).webhooksCommand,
  export: async () => (await import("../chunks/export-D7WC7RAD.js")).exportCommand,
  journal: async () => (await import("../chunks/journal-GZACNA73.js")).journalCommand,
  db: async () => (await import("../chunks/db-IGD7L54A.js")).dbCommand
};
var NEEDS_ALL = /* @__PURE__ */ new Set(["completion"]);
var GLOBAL_OPTIONS_WITH_VALUE = /* @__PURE__ */ new Set(["--repo", "--data-dir", "--database-url"]);
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
  if (name !== "help" && !named) return [(await import("../chunks/command-summaries-OCXLLYQG.js")).registerCommandSummaries];
  return Promise.all(Object.values(COMMANDS).map((load) => load()));
}

// src/cli/run-cli.ts
async function runCli(argv, io, load) {
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
  ).option(
    "--database-url <url>",
    "a PostgreSQL journal (postgres://\u2026) instead of the data dir's files (default: journal.url_env when journal.backend is postgres)"
  ).option("--json", "print one JSON document on stdout (reading commands)").option("--no-pager", "never page long output through $PAGER (executions, audit)").configureHelp({ showGlobalOptions: true }).showSuggestionAfterError().configureOutput({
    writeOut: (s) => void io.stdout.write(s),
    writeErr: (s) => void io.stderr.write(s),
    // commander's own usage errors are reported in the contract's format below.
    outputError: () => void 0
  }).exitOverride();
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

// src/cli/main.ts
function main(argv, io = { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() }) {
  return runCli(argv, io, loadCommands);
}
export {
  main,
  mayExitOnClosedPipe
};
