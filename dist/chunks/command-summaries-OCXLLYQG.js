function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  Help
} from "./chunk-H5P7JABC.js";
import "./chunk-RAK6EWF2.js";

// src/cli/commands/command-summaries.ts
var COMMAND_SUMMARIES = [
  [
    "init",
    "init [options] [dir]",
    "set opsledger up in a git repo: definitions folders, schemas, an admin role, config, hooks"
  ],
  ["new", "new <kind> <id>", "write a valid, commented skeleton of an action, runbook or role"],
  ["schemas", "schemas", "the repo's JSON Schemas (definitions/schema/)"],
  [
    "validate",
    "validate [options] [paths...]",
    "check definitions: YAML, schemas, cross-file rules, script files (exit 1 on errors)"
  ],
  [
    "history",
    "history [options] <id>",
    "field-level change history of one definition, from git (who, when, which PR, what)"
  ],
  ["audit", "audit [options]", "every change of every definition, oldest first, with filters"],
  ["show", "show [options] <id>", "a definition as it is at the tip, or as one version left it (ID@VERSION)"],
  [
    "blame",
    "blame [options] <id>",
    "who set each field of a definition: version, person, time, commit, pull request"
  ],
  ["diff", "diff [options] <id> <from> <to>", "field-level differences between two versions of a definition"],
  [
    "pr-check",
    "pr-check [options]",
    "a pull request's definition changes: diff, findings under the base's rules, impact, risk, approvals"
  ],
  [
    "approvals",
    "approvals [options] <id>",
    "who approved a version: the reviews recorded for its commit, and whether they count"
  ],
  ["revert", "revert [options] [id]", "restore a definition version as a new commit, or git-revert a commit"],
  [
    "run",
    "run [options] <action>",
    "run an action from the tracked branch and record it (exit 0 when it succeeded, 1 otherwise)"
  ],
  ["runbook", "runbook", "run runbooks, confirm their manual steps, cancel them"],
  [
    "exec",
    "exec [options] <command...>",
    "run a command and record it as an external run of an action; passes its exit code through"
  ],
  [
    "executions",
    "executions [options] [id]",
    "list recorded runs from the execution journal, newest first (latest state of each)"
  ],
  ["spool", "spool", "end records of remotely recorded runs waiting for the service: list, flush"],
  [
    "schedules",
    "schedules [options]",
    "list the scheduled actions and runbooks of the tracked branch with their next fire times"
  ],
  [
    "verify",
    "verify [options]",
    "check the execution journal: hash chain, retention checkpoints and git anchors (exit 1 on problems)"
  ],
  [
    "anchor",
    "anchor [options]",
    "record the journal chain head (seq + hash + time) as a commit on a git ref"
  ],
  [
    "retention",
    "retention",
    "apply the retention policy of opsledger.yaml to the execution journal, and show what it kept"
  ],
  [
    "anonymize",
    "anonymize [options]",
    "erase a user's identity: their runs keep a pseudonym nobody can link back (the chain still verifies)"
  ],
  [
    "report",
    "report [options]",
    "write Markdown and HTML reports: usage, outcomes, activity, coverage, compliance findings"
  ],
  [
    "serve",
    "serve [options]",
    "serve the REST API: audit and execution logs, self-service runs, reports (127.0.0.1:8080)"
  ],
  ["keys", "keys", "manage API keys of the REST API (the key is shown once; only its hash is stored)"],
  ["hooks", "hooks", "install the git hooks (pre-commit, commit-msg, pre-receive) and run their checks"],
  ["completion", "completion <shell>", "print a shell completion script (commands, subcommands, options)"],
  [
    "webhooks",
    "webhooks",
    "outgoing webhooks: their state, deliveries, retries and a test event (docs/alerts.md)"
  ],
  [
    "export",
    "export [options]",
    "copy the journal, the audit log and the reports to S3 (or any S3-compatible store), incrementally"
  ],
  ["journal", "journal", "move the execution journal between backends"],
  ["db", "db", "the PostgreSQL journal: apply schema migrations, show the schema version"]
];
var registerCommandSummaries = (program) => {
  const terms = /* @__PURE__ */ new Map();
  for (const [name, term, description] of COMMAND_SUMMARIES) {
    const stub = program.command(name).description(description);
    terms.set(stub, term);
  }
  program.configureHelp({
    ...program.configureHelp(),
    subcommandTerm(cmd) {
      return terms.get(cmd) ?? Help.prototype.subcommandTerm.call(this, cmd);
    }
  });
};
export {
  COMMAND_SUMMARIES,
  registerCommandSummaries
};
