import {
  mayExitOnClosedPipe
} from "../chunks/chunk-JIISAF5R.js";
import {
  createOutput
} from "../chunks/chunk-ZPDRYPGO.js";
import {
  createCliApp,
  reportError
} from "../chunks/chunk-NONQXJPX.js";
import "../chunks/chunk-A5MTM27V.js";
import "../chunks/chunk-JQSVCCT3.js";
import {
  EXIT,
  OpsledgerError
} from "../chunks/chunk-UTTDJNGF.js";
import {
  PACKAGE_VERSION
} from "../chunks/chunk-5GMYRA7S.js";

// src/cli/main.ts
import { Command, CommanderError } from "commander";

// src/cli/commands/index.ts
var COMMANDS = {
  init: async () => (await import("../chunks/init-TEEJCATN.js")).initCommand,
  new: async () => (await import("../chunks/new-7EXEXGT5.js")).newCommand,
  schemas: async () => (await import("../chunks/schemas-GCEL6V2F.js")).schemasCommand,
  validate: async () => (await import("../chunks/validate-YB75YCTC.js")).validateCommand,
  history: async () => (await import("../chunks/history-D27XEGPH.js")).historyCommand,
  audit: async () => (await import("../chunks/audit-FR3QMYVG.js")).auditCommand,
  show: async () => (await import("../chunks/show-EKQ5UQWW.js")).showCommand,
  blame: async () => (await import("../chunks/blame-E4XIQXUL.js")).blameCommand,
  diff: async () => (await import("../chunks/diff-QDCZRPVD.js")).diffCommand,
  revert: async () => (await import("../chunks/revert-C34LKTLE.js")).revertCommand,
  run: async () => (await import("../chunks/run-5ZNR4E36.js")).runCommand,
  runbook: async () => (await import("../chunks/runbook-GPCUWQBM.js")).runbookCommand,
  exec: async () => (await import("../chunks/exec-V244KZDN.js")).execCommand,
  executions: async () => (await import("../chunks/executions-UQNW27HO.js")).executionsCommand,
  schedules: async () => (await import("../chunks/schedules-B6ESLFHG.js")).schedulesCommand,
  verify: async () => (await import("../chunks/verify-T5IZYFR6.js")).verifyCommand,
  anchor: async () => (await import("../chunks/anchor-4SZ5TH3G.js")).anchorCommand,
  retention: async () => (await import("../chunks/retention-AZVBLA6P.js")).retentionCommand,
  anonymize: async () => (await import("../chunks/anonymize-AUNOCA27.js")).anonymizeCommand,
  report: async () => (await import("../chunks/report-G5DUOS2W.js")).reportCommand,
  serve: async () => (await import("../chunks/serve-G3GB4ABK.js")).serveCommand,
  keys: async () => (await import("../chunks/keys-IWPDRDPK.js")).keysCommand,
  hooks: async () => (await import("../chunks/hooks-VH6TGAHR.js")).hooksCommand
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
