import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  mayExitOnClosedPipe
} from "../chunks/chunk-H4PTJQOI.js";
import {
  createCliApp,
  reportError
} from "../chunks/chunk-5QZS63DZ.js";
import "../chunks/chunk-AZB76AIK.js";
import {
  createOutput
} from "../chunks/chunk-AJLMV2OV.js";
import {
  Command,
  CommanderError
} from "../chunks/chunk-2XTTSNBM.js";
import "../chunks/chunk-GJDZF65N.js";
import "../chunks/chunk-LCEW6A7X.js";
import "../chunks/chunk-VNBCCT37.js";
import {
  EXIT,
  OpsledgerError
} from "../chunks/chunk-ZXXAURYE.js";
import {
  setLockWaitReporter
} from "../chunks/chunk-TSVG2TPW.js";
import {
  PACKAGE_VERSION
} from "../chunks/chunk-TPDN7NRD.js";
import "../chunks/chunk-5HJ3J6EK.js";

// src/cli/commands/index.ts
var COMMANDS = {
  init: async () => (await import("../chunks/init-6KN5IUZV.js")).initCommand,
  new: async () => (await import("../chunks/new-K5O3QXBC.js")).newCommand,
  schemas: async () => (await import("../chunks/schemas-PVKJXFSP.js")).schemasCommand,
  validate: async () => (await import("../chunks/validate-7B7RJYXP.js")).validateCommand,
  history: async () => (await import("../chunks/history-UMWFHAX2.js")).historyCommand,
  audit: async () => (await import("../chunks/audit-UJLXQECT.js")).auditCommand,
  show: async () => (await import("../chunks/show-EL45QBYF.js")).showCommand,
  blame: async () => (await import("../chunks/blame-7ZLFFCEN.js")).blameCommand,
  diff: async () => (await import("../chunks/diff-74EK76HP.js")).diffCommand,
  "pr-check": async () => (await import("../chunks/pr-check-NOH36Q3Z.js")).prCheckCommand,
  approvals: async () => (await import("../chunks/approvals-GLMIGIFH.js")).approvalsCommand,
  revert: async () => (await import("../chunks/revert-VQJBCXLX.js")).revertCommand,
  run: async () => (await import("../chunks/run-Y764T5AG.js")).runCommand,
  runbook: async () => (await import("../chunks/runbook-FETLMZKB.js")).runbookCommand,
  exec: async () => (await import("../chunks/exec-DZ4AJAZ2.js")).execCommand,
  executions: async () => (await import("../chunks/executions-P5KUBZJ5.js")).executionsCommand,
  spool: async () => (await import("../chunks/spool-R3UA7KRN.js")).spoolCommand,
  schedules: async () => (await import("../chunks/schedules-KRVKM3SR.js")).schedulesCommand,
  verify: async () => (await import("../chunks/verify-GEFAYQQF.js")).verifyCommand,
  anchor: async () => (await import("../chunks/anchor-XQVWQXU6.js")).anchorCommand,
  retention: async () => (await import("../chunks/retention-OE6LIGF6.js")).retentionCommand,
  anonymize: async () => (await import("../chunks/anonymize-GA5CN2XG.js")).anonymizeCommand,
  report: async () => (await import("../chunks/report-553DKMTJ.js")).reportCommand,
  serve: async () => (await import("../chunks/serve-VGCQ7IPY.js")).serveCommand,
  keys: async () => (await import("../chunks/keys-TFRNA3CO.js")).keysCommand,
  hooks: async () => (await import("../chunks/hooks-Z2PSNVML.js")).hooksCommand,
  completion: async () => (await import("../chunks/completion-SRKTA3WS.js")).completionCommand,
  webhooks: async () => (await import("../chunks/webhooks-VDA4KQOQ.js")).webhooksCommand,
  export: async () => (await import("../chunks/export-EAKLPEO7.js")).exportCommand,
  journal: async () => (await import("../chunks/journal-INLK2KIF.js")).journalCommand,
  db: async () => (await import("../chunks/db-S2TA63FU.js")).dbCommand
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
  if (name !== "help" && !named) return [(await import("../chunks/command-summaries-UCD443GT.js")).registerCommandSummaries];
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
