import {
  mayExitOnClosedPipe
} from "../chunks/chunk-JIISAF5R.js";
import {
  createCliApp,
  reportError
} from "../chunks/chunk-NP6A5TDU.js";
import {
  createOutput
} from "../chunks/chunk-ZPDRYPGO.js";
import "../chunks/chunk-QRMFC6CV.js";
import "../chunks/chunk-JD7RSV3D.js";
import {
  EXIT,
  OpsledgerError
} from "../chunks/chunk-WTWPPEOB.js";
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
  init: async () => (await import("../chunks/init-BAK66TEA.js")).initCommand,
  new: async () => (await import("../chunks/new-J5QMEVDU.js")).newCommand,
  schemas: async () => (await import("../chunks/schemas-ECGBNPHM.js")).schemasCommand,
  validate: async () => (await import("../chunks/validate-BKCK3STX.js")).validateCommand,
  history: async () => (await import("../chunks/history-LAHZXJY6.js")).historyCommand,
  audit: async () => (await import("../chunks/audit-R3XA7H6I.js")).auditCommand,
  show: async () => (await import("../chunks/show-LRUNFEIU.js")).showCommand,
  blame: async () => (await import("../chunks/blame-34A5BOND.js")).blameCommand,
  diff: async () => (await import("../chunks/diff-IDE5IOXK.js")).diffCommand,
  revert: async () => (await import("../chunks/revert-ZB3GC4H3.js")).revertCommand,
  run: async () => (await import("../chunks/run-YCTQLROD.js")).runCommand,
  exec: async () => (await import("../chunks/exec-7BQZBE2N.js")).execCommand,
  executions: async () => (await import("../chunks/executions-776GXA4D.js")).executionsCommand,
  verify: async () => (await import("../chunks/verify-LQHVYAJ6.js")).verifyCommand,
  anchor: async () => (await import("../chunks/anchor-LCWW7MTR.js")).anchorCommand,
  retention: async () => (await import("../chunks/retention-2K6MXB5X.js")).retentionCommand,
  anonymize: async () => (await import("../chunks/anonymize-JQWSCAIW.js")).anonymizeCommand,
  report: async () => (await import("../chunks/report-ETM7SNI6.js")).reportCommand,
  serve: async () => (await import("../chunks/serve-ZSWD6S3M.js")).serveCommand,
  keys: async () => (await import("../chunks/keys-UFAVTE6J.js")).keysCommand,
  hooks: async () => (await import("../chunks/hooks-4R46RHG7.js")).hooksCommand
};
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
  if (named) return [await named()];
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
  ).option("--json", "print one JSON document on stdout (reading commands)").configureHelp({ showGlobalOptions: true }).showSuggestionAfterError().configureOutput({
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
