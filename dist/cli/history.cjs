// opsledger-bundle db7a198faadadc014fab71654345b42f
'use strict';
var __opsledgerImportMetaUrl = require('node:url').pathToFileURL(__filename).href;
"use strict";
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __esm = (fn, res, err) => function __init() {
  if (err) throw err[0];
  try {
    return fn && (res = (0, fn[__getOwnPropNames(fn)[0]])(fn = 0)), res;
  } catch (e) {
    throw err = [e], e;
  }
};
var __commonJS = (cb, mod) => function __require() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));
var __toCommonJS = (mod) => __copyProps(__defProp({}, "__esModule", { value: true }), mod);

// src/errors/catalog.ts
var ERROR_CATALOG;
var init_catalog = __esm({
  "src/errors/catalog.ts"() {
    "use strict";
    ERROR_CATALOG = {
      // usage, config and input errors (exit 2)
      USAGE: { exit: 2, http: 400, hint: "Run the command with --help to see its options." },
      NOT_A_REPO: { exit: 2, http: 500, hint: "Run inside a git work tree or pass --repo DIR." },
      CONFIG_INVALID: {
        exit: 2,
        http: 500,
        hint: "Fix opsledger.yaml; its schema is definitions/schema/config.schema.json."
      },
      BRANCH_NOT_FOUND: { exit: 2, http: 500, hint: "Check `branch:` in opsledger.yaml or create the branch." },
      DATA_DIR_EXPOSED: {
        exit: 2,
        http: 500,
        hint: "Keep the data dir out of the reports folder: use the default .opsledger/ (git-ignored), or --data-dir, OPSLEDGER_DATA_DIR or paths.data_dir elsewhere (docs/reports.md)."
      },
      INPUT_INVALID: { exit: 2, http: 400, hint: "Check the value against the command help." },
      // runbook runs and schedules (docs/runbooks.md, docs/schedules.md)
      RUN_NOT_FOUND: {
        exit: 2,
        http: 404,
        hint: "List runbook runs with `opsledger executions --json` or GET /api/v1/runbook_runs."
      },
      STEP_NOT_WAITING: {
        exit: 2,
        http: 409,
        hint: "Only the step a runbook run is waiting for can be confirmed or rejected; see the run with GET /api/v1/runbook_runs/{id}."
      },
      RUN_FINISHED: { exit: 2, http: 409, hint: "The runbook run has already ended; nothing to cancel." },
      FIRING_CLAIMED: {
        exit: 2,
        http: 409,
        hint: "Another service instance started this scheduled firing; nothing to do."
      },
      PATH_NOT_FOUND: { exit: 2, http: 404, hint: "Check the path; it is resolved against the repo root." },
      DEFINITION_NOT_FOUND: {
        exit: 2,
        http: 404,
        hint: "List definitions with `opsledger validate` or check the id."
      },
      VERSION_NOT_FOUND: { exit: 2, http: 404, hint: "See the versions with `opsledger history ID`." },
      PARAM_INVALID: { exit: 2, http: 400, hint: "Check the action's parameters with `opsledger show ID`." },
      DIRTY_WORKTREE: { exit: 2, http: 409, hint: "Commit or stash your changes first (git status shows them)." },
      DEFINITION_DIRTY: {
        exit: 2,
        http: 409,
        hint: "Commit the definition first, or pass --allow-dirty to run it anyway (the run is flagged)."
      },
      DEFINITION_UNRELEASED: {
        exit: 2,
        http: 409,
        hint: "Release the action through a pull request, or pass --allow-unreleased (the run is flagged)."
      },
      SCRIPT_OUTSIDE_REPO: {
        exit: 2,
        http: 422,
        hint: "A script.file must be a file inside the repo; a symbolic link may only point to another file in the repo."
      },
      HOOK_CONFLICT: {
        exit: 2,
        http: 409,
        hint: "Merge your hook with opsledger's by hand, or pass --force to keep yours as <name>.before-opsledger."
      },
      GIT_CONFLICT: {
        exit: 2,
        http: 409,
        hint: "Resolve the conflict and `git revert --continue`, or `git revert --abort` to give up."
      },
      KEY_INVALID: {
        exit: 2,
        http: 401,
        hint: "Create a key with `opsledger keys create --user EMAIL --name NAME`."
      },
      NOT_FOUND: { exit: 2, http: 404, hint: "Check the id." },
      // issue 14: an id two kinds share, and a clone whose history is cut (docs/history.md)
      AMBIGUOUS: {
        exit: 2,
        http: 400,
        hint: "Name the kind: --kind action|runbook|role, or write action:ID, runbook:ID or role:ID."
      },
      SHALLOW_REPOSITORY: {
        exit: 2,
        http: 500,
        hint: "Run `git fetch --unshallow` for the whole history, or pass --allow-shallow for a partial one."
      },
      // REST API (issue 5): authentication, authorization and request limits
      AUTH_REQUIRED: {
        exit: 2,
        http: 401,
        hint: "Send Authorization: Bearer <key> or Basic base64(<email>:<key>); create a key with `opsledger keys create`."
      },
      PERMISSION_DENIED: {
        exit: 2,
        http: 403,
        hint: "Your roles (definitions/roles/ at the branch tip) do not grant this; ask an admin."
      },
      METHOD_NOT_ALLOWED: { exit: 2, http: 405, hint: "See the allowed methods in /api/v1/openapi.json." },
      NOT_ACCEPTABLE: {
        exit: 2,
        http: 406,
        hint: "Accept application/json (or application/x-ndjson on list routes)."
      },
      IDEMPOTENCY_CONFLICT: {
        exit: 2,
        http: 409,
        hint: "An Idempotency-Key may be reused only with the same request body; use a new key for a new request."
      },
      BODY_TOO_LARGE: { exit: 2, http: 413, hint: "Send a smaller request body (the limit is in docs/api.md)." },
      UNSUPPORTED_MEDIA_TYPE: { exit: 2, http: 415, hint: "Send the body as application/json." },
      RATE_LIMITED: { exit: 2, http: 429, hint: "Wait for the seconds in the Retry-After header, then retry." },
      // remote recording (docs/executions.md, Remote recording)
      SERVER_REQUIRED: {
        exit: 2,
        http: 400,
        hint: "opsledger.yaml sets executions.require_server: record through the service with --server URL (or server.url) and the key in OPSLEDGER_API_KEY."
      },
      RUN_ALREADY_ENDED: {
        exit: 2,
        http: 409,
        hint: "The run already has another end record; see it with `opsledger executions ID --server URL`."
      },
      // GitHub App and pull requests (docs/github.md)
      SIGNATURE_INVALID: {
        exit: 2,
        http: 401,
        hint: "Sign the exact body with the webhook secret: X-Hub-Signature-256: sha256=<HMAC-SHA256 hex> (docs/github.md)."
      },
      GITHUB_NOT_CONFIGURED: {
        exit: 2,
        http: 404,
        hint: "Set github.owner, github.repo, auth (app_id + private_key_env, or token_env) and, for serve, github.webhook_secret_env in opsledger.yaml (docs/github.md)."
      },
      GITHUB_FAILED: {
        exit: 2,
        http: 502,
        hint: "GitHub refused or failed the request; the message says what it answered (check the App permissions in docs/github.md)."
      },
      // findings (exit 1)
      RUN_DENIED: {
        exit: 1,
        http: 403,
        hint: "Your roles (definitions/roles/ at the branch tip the service reads) do not let you run this action; the attempt is recorded as `denied`. Ask an admin."
      },
      VALIDATION_FAILED: {
        exit: 1,
        http: 422,
        hint: "Fix the findings listed above and run `opsledger validate` again."
      },
      RUN_FAILED: { exit: 1, http: 500, hint: "See the run record with `opsledger executions --json`." },
      TAMPER_DETECTED: {
        exit: 1,
        http: 500,
        hint: "Run `opsledger verify` for the list of problems and their places."
      },
      // the journal cannot take a record: nothing is run (fail closed)
      JOURNAL_UNAVAILABLE: {
        exit: 3,
        http: 503,
        hint: "Check that the data dir is writable and has free space, then retry."
      },
      // the PostgreSQL journal (docs/postgres.md)
      DATABASE_UNAVAILABLE: {
        exit: 3,
        http: 503,
        hint: "Check the database URL (--database-url or the variable named by journal.url_env) and that PostgreSQL is up, e.g. `pg_ctlcluster --skip-systemctl-redirect 15 main start`."
      },
      SCHEMA_NOT_MIGRATED: {
        exit: 3,
        http: 503,
        hint: "Run `opsledger db migrate` (with the same --database-url) once, then retry."
      },
      SCHEMA_TOO_NEW: {
        exit: 3,
        http: 503,
        hint: "The database was migrated by a newer opsledger: upgrade this one (schemas are never migrated down)."
      },
      // the run ran, but its end record could not be written (disk full): kept aside for the next command to append
      RUN_END_UNRECORDED: {
        exit: 3,
        http: 503,
        hint: "Free space in the data dir; the next `opsledger run`, `exec`, `verify` or `serve` records the end."
      },
      JOURNAL_LOCKED: {
        exit: 3,
        http: 503,
        hint: "Another opsledger process (named on stderr) holds the journal lock; retry once it finished. A lock is released the moment its holder exits."
      },
      // the central service could not be reached, or did not take a record (nothing ran when it was the start)
      SERVER_UNREACHABLE: {
        exit: 3,
        http: 502,
        hint: "Check --server (or server.url), the network and that `opsledger serve` runs there, then retry."
      },
      SPOOL_UNDELIVERED: {
        exit: 3,
        http: 503,
        hint: "The spooled end records stay in <data-dir>/spool/; run `opsledger spool flush` again once the service is reachable."
      },
      // small mutable state under <data-dir>/state (pseudonym vault, key material, retention checkpoints)
      STATE_UNAVAILABLE: {
        exit: 3,
        http: 503,
        hint: "Check that <data-dir>/state is readable and writable and holds valid JSON."
      },
      STATE_LOCKED: {
        exit: 3,
        http: 503,
        hint: "Another opsledger process holds the state lock; retry in a moment."
      },
      GIT_FAILED: { exit: 3, http: 500, hint: "Run the git command shown above by hand to see what git says." },
      HISTORY_LOCKED: {
        exit: 3,
        http: 503,
        hint: "Another opsledger process (named on stderr) is updating the history index; retry once it finished."
      },
      HISTORY_INDEX_CORRUPT: {
        exit: 3,
        http: 503,
        hint: "The history index was unreadable and has been discarded; run the command again to rebuild it."
      },
      // the object store of `opsledger export` refused or could not be reached (docs/export.md)
      EXPORT_FAILED: {
        exit: 3,
        http: 502,
        hint: "Check AWS_ENDPOINT_URL, AWS_REGION and the credentials, and that the bucket exists; the export resumes where it stopped."
      },
      INTERNAL: {
        exit: 3,
        http: 500,
        hint: "This is a bug in opsledger; please report it with the command you ran."
      }
    };
  }
});

// src/errors/opsledger-error.ts
function toOpsledgerError(err) {
  if (err instanceof OpsledgerError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new OpsledgerError("INTERNAL", message, { cause: err });
}
function formatError(err) {
  return `error[${err.code}]: ${err.message}
hint: ${err.hint}`;
}
var EXIT, OpsledgerError;
var init_opsledger_error = __esm({
  "src/errors/opsledger-error.ts"() {
    "use strict";
    init_catalog();
    EXIT = { ok: 0, findings: 1, usage: 2, internal: 3 };
    OpsledgerError = class extends Error {
      code;
      hint;
      exitCode;
      httpStatus;
      details;
      constructor(code, message, options = {}) {
        super(message, options.cause === void 0 ? void 0 : { cause: options.cause });
        const entry = ERROR_CATALOG[code];
        this.name = "OpsledgerError";
        this.code = code;
        this.hint = options.hint ?? entry.hint;
        this.exitCode = entry.exit;
        this.httpStatus = entry.http;
        this.details = options.details;
      }
      toJSON() {
        return { error: { code: this.code, message: this.message, hint: this.hint } };
      }
    };
  }
});

// node_modules/commander/lib/error.js
var require_error = __commonJS({
  "node_modules/commander/lib/error.js"(exports2) {
    var CommanderError2 = class extends Error {
      /**
       * Constructs the CommanderError class
       * @param {number} exitCode suggested exit code which could be used with process.exit
       * @param {string} code an id string representing the error
       * @param {string} message human-readable description of the error
       */
      constructor(exitCode, code, message) {
        super(message);
        Error.captureStackTrace(this, this.constructor);
        this.name = this.constructor.name;
        this.code = code;
        this.exitCode = exitCode;
        this.nestedError = void 0;
      }
    };
    var InvalidArgumentError2 = class extends CommanderError2 {
      /**
       * Constructs the InvalidArgumentError class
       * @param {string} [message] explanation of why argument is invalid
       */
      constructor(message) {
        super(1, "commander.invalidArgument", message);
        Error.captureStackTrace(this, this.constructor);
        this.name = this.constructor.name;
      }
    };
    exports2.CommanderError = CommanderError2;
    exports2.InvalidArgumentError = InvalidArgumentError2;
  }
});

// node_modules/commander/lib/argument.js
var require_argument = __commonJS({
  "node_modules/commander/lib/argument.js"(exports2) {
    var { InvalidArgumentError: InvalidArgumentError2 } = require_error();
    var Argument2 = class {
      /**
       * Initialize a new command argument with the given name and description.
       * The default is that the argument is required, and you can explicitly
       * indicate this with <> around the name. Put [] around the name for an optional argument.
       *
       * @param {string} name
       * @param {string} [description]
       */
      constructor(name, description) {
        this.description = description || "";
        this.variadic = false;
        this.parseArg = void 0;
        this.defaultValue = void 0;
        this.defaultValueDescription = void 0;
        this.argChoices = void 0;
        switch (name[0]) {
          case "<":
            this.required = true;
            this._name = name.slice(1, -1);
            break;
          case "[":
            this.required = false;
            this._name = name.slice(1, -1);
            break;
          default:
            this.required = true;
            this._name = name;
            break;
        }
        if (this._name.endsWith("...")) {
          this.variadic = true;
          this._name = this._name.slice(0, -3);
        }
      }
      /**
       * Return argument name.
       *
       * @return {string}
       */
      name() {
        return this._name;
      }
      /**
       * @package
       */
      _collectValue(value, previous) {
        if (previous === this.defaultValue || !Array.isArray(previous)) {
          return [value];
        }
        previous.push(value);
        return previous;
      }
      /**
       * Set the default value, and optionally supply the description to be displayed in the help.
       *
       * @param {*} value
       * @param {string} [description]
       * @return {Argument}
       */
      default(value, description) {
        this.defaultValue = value;
        this.defaultValueDescription = description;
        return this;
      }
      /**
       * Set the custom handler for processing CLI command arguments into argument values.
       *
       * @param {Function} [fn]
       * @return {Argument}
       */
      argParser(fn) {
        this.parseArg = fn;
        return this;
      }
      /**
       * Only allow argument value to be one of choices.
       *
       * @param {string[]} values
       * @return {Argument}
       */
      choices(values) {
        this.argChoices = values.slice();
        this.parseArg = (arg, previous) => {
          if (!this.argChoices.includes(arg)) {
            throw new InvalidArgumentError2(
              `Allowed choices are ${this.argChoices.join(", ")}.`
            );
          }
          if (this.variadic) {
            return this._collectValue(arg, previous);
          }
          return arg;
        };
        return this;
      }
      /**
       * Make argument required.
       *
       * @returns {Argument}
       */
      argRequired() {
        this.required = true;
        return this;
      }
      /**
       * Make argument optional.
       *
       * @returns {Argument}
       */
      argOptional() {
        this.required = false;
        return this;
      }
    };
    function humanReadableArgName(arg) {
      const nameOutput = arg.name() + (arg.variadic === true ? "..." : "");
      return arg.required ? "<" + nameOutput + ">" : "[" + nameOutput + "]";
    }
    exports2.Argument = Argument2;
    exports2.humanReadableArgName = humanReadableArgName;
  }
});

// lazy-builtin:child_process
var require_child_process = __commonJS({
  "lazy-builtin:child_process"(exports2, module2) {
    var loaded;
    var load2 = () => loaded ??= process.getBuiltinModule("child_process");
    module2.exports = new Proxy({}, {
      get: (_, key) => load2()[key],
      has: (_, key) => key in load2(),
      ownKeys: () => Reflect.ownKeys(load2()),
      getOwnPropertyDescriptor: (_, key) => ({ ...Reflect.getOwnPropertyDescriptor(load2(), key), configurable: true })
    });
  }
});

// node_modules/commander/lib/help.js
var require_help = __commonJS({
  "node_modules/commander/lib/help.js"(exports2) {
    var { humanReadableArgName } = require_argument();
    var Help2 = class {
      constructor() {
        this.helpWidth = void 0;
        this.minWidthToWrap = 40;
        this.sortSubcommands = false;
        this.sortOptions = false;
        this.showGlobalOptions = false;
      }
      /**
       * prepareContext is called by Commander after applying overrides from `Command.configureHelp()`
       * and just before calling `formatHelp()`.
       *
       * Commander just uses the helpWidth and the rest is provided for optional use by more complex subclasses.
       *
       * @param {{ error?: boolean, helpWidth?: number, outputHasColors?: boolean }} contextOptions
       */
      prepareContext(contextOptions) {
        this.helpWidth = this.helpWidth ?? contextOptions.helpWidth ?? 80;
      }
      /**
       * Get an array of the visible subcommands. Includes a placeholder for the implicit help command, if there is one.
       *
       * @param {Command} cmd
       * @returns {Command[]}
       */
      visibleCommands(cmd) {
        const visibleCommands = cmd.commands.filter((cmd2) => !cmd2._hidden);
        const helpCommand = cmd._getHelpCommand();
        if (helpCommand && !helpCommand._hidden) {
          visibleCommands.push(helpCommand);
        }
        if (this.sortSubcommands) {
          visibleCommands.sort((a, b) => {
            return a.name().localeCompare(b.name());
          });
        }
        return visibleCommands;
      }
      /**
       * Compare options for sort.
       *
       * @param {Option} a
       * @param {Option} b
       * @returns {number}
       */
      compareOptions(a, b) {
        const getSortKey = (option) => {
          return option.short ? option.short.replace(/^-/, "") : option.long.replace(/^--/, "");
        };
        return getSortKey(a).localeCompare(getSortKey(b));
      }
      /**
       * Get an array of the visible options. Includes a placeholder for the implicit help option, if there is one.
       *
       * @param {Command} cmd
       * @returns {Option[]}
       */
      visibleOptions(cmd) {
        const visibleOptions = cmd.options.filter((option) => !option.hidden);
        const helpOption = cmd._getHelpOption();
        if (helpOption && !helpOption.hidden) {
          const removeShort = helpOption.short && cmd._findOption(helpOption.short);
          const removeLong = helpOption.long && cmd._findOption(helpOption.long);
          if (!removeShort && !removeLong) {
            visibleOptions.push(helpOption);
          } else if (helpOption.long && !removeLong) {
            visibleOptions.push(
              cmd.createOption(helpOption.long, helpOption.description)
            );
          } else if (helpOption.short && !removeShort) {
            visibleOptions.push(
              cmd.createOption(helpOption.short, helpOption.description)
            );
          }
        }
        if (this.sortOptions) {
          visibleOptions.sort(this.compareOptions);
        }
        return visibleOptions;
      }
      /**
       * Get an array of the visible global options. (Not including help.)
       *
       * @param {Command} cmd
       * @returns {Option[]}
       */
      visibleGlobalOptions(cmd) {
        if (!this.showGlobalOptions) return [];
        const globalOptions = [];
        for (let ancestorCmd = cmd.parent; ancestorCmd; ancestorCmd = ancestorCmd.parent) {
          const visibleOptions = ancestorCmd.options.filter(
            (option) => !option.hidden
          );
          globalOptions.push(...visibleOptions);
        }
        if (this.sortOptions) {
          globalOptions.sort(this.compareOptions);
        }
        return globalOptions;
      }
      /**
       * Get an array of the arguments if any have a description.
       *
       * @param {Command} cmd
       * @returns {Argument[]}
       */
      visibleArguments(cmd) {
        if (cmd._argsDescription) {
          cmd.registeredArguments.forEach((argument) => {
            argument.description = argument.description || cmd._argsDescription[argument.name()] || "";
          });
        }
        if (cmd.registeredArguments.find((argument) => argument.description)) {
          return cmd.registeredArguments;
        }
        return [];
      }
      /**
       * Get the command term to show in the list of subcommands.
       *
       * @param {Command} cmd
       * @returns {string}
       */
      subcommandTerm(cmd) {
        const args = cmd.registeredArguments.map((arg) => humanReadableArgName(arg)).join(" ");
        return cmd._name + (cmd._aliases[0] ? "|" + cmd._aliases[0] : "") + (cmd.options.length ? " [options]" : "") + // simplistic check for non-help option
        (args ? " " + args : "");
      }
      /**
       * Get the option term to show in the list of options.
       *
       * @param {Option} option
       * @returns {string}
       */
      optionTerm(option) {
        return option.flags;
      }
      /**
       * Get the argument term to show in the list of arguments.
       *
       * @param {Argument} argument
       * @returns {string}
       */
      argumentTerm(argument) {
        return argument.name();
      }
      /**
       * Get the longest command term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      longestSubcommandTermLength(cmd, helper) {
        return helper.visibleCommands(cmd).reduce((max, command) => {
          return Math.max(
            max,
            this.displayWidth(
              helper.styleSubcommandTerm(helper.subcommandTerm(command))
            )
          );
        }, 0);
      }
      /**
       * Get the longest option term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      longestOptionTermLength(cmd, helper) {
        return helper.visibleOptions(cmd).reduce((max, option) => {
          return Math.max(
            max,
            this.displayWidth(helper.styleOptionTerm(helper.optionTerm(option)))
          );
        }, 0);
      }
      /**
       * Get the longest global option term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      longestGlobalOptionTermLength(cmd, helper) {
        return helper.visibleGlobalOptions(cmd).reduce((max, option) => {
          return Math.max(
            max,
            this.displayWidth(helper.styleOptionTerm(helper.optionTerm(option)))
          );
        }, 0);
      }
      /**
       * Get the longest argument term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      longestArgumentTermLength(cmd, helper) {
        return helper.visibleArguments(cmd).reduce((max, argument) => {
          return Math.max(
            max,
            this.displayWidth(
              helper.styleArgumentTerm(helper.argumentTerm(argument))
            )
          );
        }, 0);
      }
      /**
       * Get the command usage to be displayed at the top of the built-in help.
       *
       * @param {Command} cmd
       * @returns {string}
       */
      commandUsage(cmd) {
        let cmdName = cmd._name;
        if (cmd._aliases[0]) {
          cmdName = cmdName + "|" + cmd._aliases[0];
        }
        let ancestorCmdNames = "";
        for (let ancestorCmd = cmd.parent; ancestorCmd; ancestorCmd = ancestorCmd.parent) {
          ancestorCmdNames = ancestorCmd.name() + " " + ancestorCmdNames;
        }
        return ancestorCmdNames + cmdName + " " + cmd.usage();
      }
      /**
       * Get the description for the command.
       *
       * @param {Command} cmd
       * @returns {string}
       */
      commandDescription(cmd) {
        return cmd.description();
      }
      /**
       * Get the subcommand summary to show in the list of subcommands.
       * (Fallback to description for backwards compatibility.)
       *
       * @param {Command} cmd
       * @returns {string}
       */
      subcommandDescription(cmd) {
        return cmd.summary() || cmd.description();
      }
      /**
       * Get the option description to show in the list of options.
       *
       * @param {Option} option
       * @return {string}
       */
      optionDescription(option) {
        const extraInfo = [];
        if (option.argChoices) {
          extraInfo.push(
            // use stringify to match the display of the default value
            `choices: ${option.argChoices.map((choice) => JSON.stringify(choice)).join(", ")}`
          );
        }
        if (option.defaultValue !== void 0) {
          const showDefault = option.required || option.optional || option.isBoolean() && typeof option.defaultValue === "boolean";
          if (showDefault) {
            extraInfo.push(
              `default: ${option.defaultValueDescription || JSON.stringify(option.defaultValue)}`
            );
          }
        }
        if (option.presetArg !== void 0 && option.optional) {
          extraInfo.push(`preset: ${JSON.stringify(option.presetArg)}`);
        }
        if (option.envVar !== void 0) {
          extraInfo.push(`env: ${option.envVar}`);
        }
        if (extraInfo.length > 0) {
          const extraDescription = `(${extraInfo.join(", ")})`;
          if (option.description) {
            return `${option.description} ${extraDescription}`;
          }
          return extraDescription;
        }
        return option.description;
      }
      /**
       * Get the argument description to show in the list of arguments.
       *
       * @param {Argument} argument
       * @return {string}
       */
      argumentDescription(argument) {
        const extraInfo = [];
        if (argument.argChoices) {
          extraInfo.push(
            // use stringify to match the display of the default value
            `choices: ${argument.argChoices.map((choice) => JSON.stringify(choice)).join(", ")}`
          );
        }
        if (argument.defaultValue !== void 0) {
          extraInfo.push(
            `default: ${argument.defaultValueDescription || JSON.stringify(argument.defaultValue)}`
          );
        }
        if (extraInfo.length > 0) {
          const extraDescription = `(${extraInfo.join(", ")})`;
          if (argument.description) {
            return `${argument.description} ${extraDescription}`;
          }
          return extraDescription;
        }
        return argument.description;
      }
      /**
       * Format a list of items, given a heading and an array of formatted items.
       *
       * @param {string} heading
       * @param {string[]} items
       * @param {Help} helper
       * @returns string[]
       */
      formatItemList(heading, items, helper) {
        if (items.length === 0) return [];
        return [helper.styleTitle(heading), ...items, ""];
      }
      /**
       * Group items by their help group heading.
       *
       * @param {Command[] | Option[]} unsortedItems
       * @param {Command[] | Option[]} visibleItems
       * @param {Function} getGroup
       * @returns {Map<string, Command[] | Option[]>}
       */
      groupItems(unsortedItems, visibleItems, getGroup) {
        const result = /* @__PURE__ */ new Map();
        unsortedItems.forEach((item) => {
          const group = getGroup(item);
          if (!result.has(group)) result.set(group, []);
        });
        visibleItems.forEach((item) => {
          const group = getGroup(item);
          if (!result.has(group)) {
            result.set(group, []);
          }
          result.get(group).push(item);
        });
        return result;
      }
      /**
       * Generate the built-in help text.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {string}
       */
      formatHelp(cmd, helper) {
        const termWidth = helper.padWidth(cmd, helper);
        const helpWidth = helper.helpWidth ?? 80;
        function callFormatItem(term, description) {
          return helper.formatItem(term, termWidth, description, helper);
        }
        let output = [
          `${helper.styleTitle("Usage:")} ${helper.styleUsage(helper.commandUsage(cmd))}`,
          ""
        ];
        const commandDescription = helper.commandDescription(cmd);
        if (commandDescription.length > 0) {
          output = output.concat([
            helper.boxWrap(
              helper.styleCommandDescription(commandDescription),
              helpWidth
            ),
            ""
          ]);
        }
        const argumentList = helper.visibleArguments(cmd).map((argument) => {
          return callFormatItem(
            helper.styleArgumentTerm(helper.argumentTerm(argument)),
            helper.styleArgumentDescription(helper.argumentDescription(argument))
          );
        });
        output = output.concat(
          this.formatItemList("Arguments:", argumentList, helper)
        );
        const optionGroups = this.groupItems(
          cmd.options,
          helper.visibleOptions(cmd),
          (option) => option.helpGroupHeading ?? "Options:"
        );
        optionGroups.forEach((options, group) => {
          const optionList = options.map((option) => {
            return callFormatItem(
              helper.styleOptionTerm(helper.optionTerm(option)),
              helper.styleOptionDescription(helper.optionDescription(option))
            );
          });
          output = output.concat(this.formatItemList(group, optionList, helper));
        });
        if (helper.showGlobalOptions) {
          const globalOptionList = helper.visibleGlobalOptions(cmd).map((option) => {
            return callFormatItem(
              helper.styleOptionTerm(helper.optionTerm(option)),
              helper.styleOptionDescription(helper.optionDescription(option))
            );
          });
          output = output.concat(
            this.formatItemList("Global Options:", globalOptionList, helper)
          );
        }
        const commandGroups = this.groupItems(
          cmd.commands,
          helper.visibleCommands(cmd),
          (sub) => sub.helpGroup() || "Commands:"
        );
        commandGroups.forEach((commands, group) => {
          const commandList = commands.map((sub) => {
            return callFormatItem(
              helper.styleSubcommandTerm(helper.subcommandTerm(sub)),
              helper.styleSubcommandDescription(helper.subcommandDescription(sub))
            );
          });
          output = output.concat(this.formatItemList(group, commandList, helper));
        });
        return output.join("\n");
      }
      /**
       * Return display width of string, ignoring ANSI escape sequences. Used in padding and wrapping calculations.
       *
       * @param {string} str
       * @returns {number}
       */
      displayWidth(str) {
        return stripColor(str).length;
      }
      /**
       * Style the title for displaying in the help. Called with 'Usage:', 'Options:', etc.
       *
       * @param {string} str
       * @returns {string}
       */
      styleTitle(str) {
        return str;
      }
      styleUsage(str) {
        return str.split(" ").map((word) => {
          if (word === "[options]") return this.styleOptionText(word);
          if (word === "[command]") return this.styleSubcommandText(word);
          if (word[0] === "[" || word[0] === "<")
            return this.styleArgumentText(word);
          return this.styleCommandText(word);
        }).join(" ");
      }
      styleCommandDescription(str) {
        return this.styleDescriptionText(str);
      }
      styleOptionDescription(str) {
        return this.styleDescriptionText(str);
      }
      styleSubcommandDescription(str) {
        return this.styleDescriptionText(str);
      }
      styleArgumentDescription(str) {
        return this.styleDescriptionText(str);
      }
      styleDescriptionText(str) {
        return str;
      }
      styleOptionTerm(str) {
        return this.styleOptionText(str);
      }
      styleSubcommandTerm(str) {
        return str.split(" ").map((word) => {
          if (word === "[options]") return this.styleOptionText(word);
          if (word[0] === "[" || word[0] === "<")
            return this.styleArgumentText(word);
          return this.styleSubcommandText(word);
        }).join(" ");
      }
      styleArgumentTerm(str) {
        return this.styleArgumentText(str);
      }
      styleOptionText(str) {
        return str;
      }
      styleArgumentText(str) {
        return str;
      }
      styleSubcommandText(str) {
        return str;
      }
      styleCommandText(str) {
        return str;
      }
      /**
       * Calculate the pad width from the maximum term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      padWidth(cmd, helper) {
        return Math.max(
          helper.longestOptionTermLength(cmd, helper),
          helper.longestGlobalOptionTermLength(cmd, helper),
          helper.longestSubcommandTermLength(cmd, helper),
          helper.longestArgumentTermLength(cmd, helper)
        );
      }
      /**
       * Detect manually wrapped and indented strings by checking for line break followed by whitespace.
       *
       * @param {string} str
       * @returns {boolean}
       */
      preformatted(str) {
        return /\n[^\S\r\n]/.test(str);
      }
      /**
       * Format the "item", which consists of a term and description. Pad the term and wrap the description, indenting the following lines.
       *
       * So "TTT", 5, "DDD DDDD DD DDD" might be formatted for this.helpWidth=17 like so:
       *   TTT  DDD DDDD
       *        DD DDD
       *
       * @param {string} term
       * @param {number} termWidth
       * @param {string} description
       * @param {Help} helper
       * @returns {string}
       */
      formatItem(term, termWidth, description, helper) {
        const itemIndent = 2;
        const itemIndentStr = " ".repeat(itemIndent);
        if (!description) return itemIndentStr + term;
        const paddedTerm = term.padEnd(
          termWidth + term.length - helper.displayWidth(term)
        );
        const spacerWidth = 2;
        const helpWidth = this.helpWidth ?? 80;
        const remainingWidth = helpWidth - termWidth - spacerWidth - itemIndent;
        let formattedDescription;
        if (remainingWidth < this.minWidthToWrap || helper.preformatted(description)) {
          formattedDescription = description;
        } else {
          const wrappedDescription = helper.boxWrap(description, remainingWidth);
          formattedDescription = wrappedDescription.replace(
            /\n/g,
            "\n" + " ".repeat(termWidth + spacerWidth)
          );
        }
        return itemIndentStr + paddedTerm + " ".repeat(spacerWidth) + formattedDescription.replace(/\n/g, `
${itemIndentStr}`);
      }
      /**
       * Wrap a string at whitespace, preserving existing line breaks.
       * Wrapping is skipped if the width is less than `minWidthToWrap`.
       *
       * @param {string} str
       * @param {number} width
       * @returns {string}
       */
      boxWrap(str, width) {
        if (width < this.minWidthToWrap) return str;
        const rawLines = str.split(/\r\n|\n/);
        const chunkPattern = /[\s]*[^\s]+/g;
        const wrappedLines = [];
        rawLines.forEach((line) => {
          const chunks = line.match(chunkPattern);
          if (chunks === null) {
            wrappedLines.push("");
            return;
          }
          let sumChunks = [chunks.shift()];
          let sumWidth = this.displayWidth(sumChunks[0]);
          chunks.forEach((chunk) => {
            const visibleWidth = this.displayWidth(chunk);
            if (sumWidth + visibleWidth <= width) {
              sumChunks.push(chunk);
              sumWidth += visibleWidth;
              return;
            }
            wrappedLines.push(sumChunks.join(""));
            const nextChunk = chunk.trimStart();
            sumChunks = [nextChunk];
            sumWidth = this.displayWidth(nextChunk);
          });
          wrappedLines.push(sumChunks.join(""));
        });
        return wrappedLines.join("\n");
      }
    };
    function stripColor(str) {
      const sgrPattern = /\x1b\[\d*(;\d*)*m/g;
      return str.replace(sgrPattern, "");
    }
    exports2.Help = Help2;
    exports2.stripColor = stripColor;
  }
});

// node_modules/commander/lib/option.js
var require_option = __commonJS({
  "node_modules/commander/lib/option.js"(exports2) {
    var { InvalidArgumentError: InvalidArgumentError2 } = require_error();
    var Option2 = class {
      /**
       * Initialize a new `Option` with the given `flags` and `description`.
       *
       * @param {string} flags
       * @param {string} [description]
       */
      constructor(flags, description) {
        this.flags = flags;
        this.description = description || "";
        this.required = flags.includes("<");
        this.optional = flags.includes("[");
        this.variadic = /\w\.\.\.[>\]]$/.test(flags);
        this.mandatory = false;
        const optionFlags = splitOptionFlags(flags);
        this.short = optionFlags.shortFlag;
        this.long = optionFlags.longFlag;
        this.negate = false;
        if (this.long) {
          this.negate = this.long.startsWith("--no-");
        }
        this.defaultValue = void 0;
        this.defaultValueDescription = void 0;
        this.presetArg = void 0;
        this.envVar = void 0;
        this.parseArg = void 0;
        this.hidden = false;
        this.argChoices = void 0;
        this.conflictsWith = [];
        this.implied = void 0;
        this.helpGroupHeading = void 0;
      }
      /**
       * Set the default value, and optionally supply the description to be displayed in the help.
       *
       * @param {*} value
       * @param {string} [description]
       * @return {Option}
       */
      default(value, description) {
        this.defaultValue = value;
        this.defaultValueDescription = description;
        return this;
      }
      /**
       * Preset to use when option used without option-argument, especially optional but also boolean and negated.
       * The custom processing (parseArg) is called.
       *
       * @example
       * new Option('--color').default('GREYSCALE').preset('RGB');
       * new Option('--donate [amount]').preset('20').argParser(parseFloat);
       *
       * @param {*} arg
       * @return {Option}
       */
      preset(arg) {
        this.presetArg = arg;
        return this;
      }
      /**
       * Add option name(s) that conflict with this option.
       * An error will be displayed if conflicting options are found during parsing.
       *
       * @example
       * new Option('--rgb').conflicts('cmyk');
       * new Option('--js').conflicts(['ts', 'jsx']);
       *
       * @param {(string | string[])} names
       * @return {Option}
       */
      conflicts(names) {
        this.conflictsWith = this.conflictsWith.concat(names);
        return this;
      }
      /**
       * Specify implied option values for when this option is set and the implied options are not.
       *
       * The custom processing (parseArg) is not called on the implied values.
       *
       * @example
       * program
       *   .addOption(new Option('--log', 'write logging information to file'))
       *   .addOption(new Option('--trace', 'log extra details').implies({ log: 'trace.txt' }));
       *
       * @param {object} impliedOptionValues
       * @return {Option}
       */
      implies(impliedOptionValues) {
        let newImplied = impliedOptionValues;
        if (typeof impliedOptionValues === "string") {
          newImplied = { [impliedOptionValues]: true };
        }
        this.implied = Object.assign(this.implied || {}, newImplied);
        return this;
      }
      /**
       * Set environment variable to check for option value.
       *
       * An environment variable is only used if when processed the current option value is
       * undefined, or the source of the current value is 'default' or 'config' or 'env'.
       *
       * @param {string} name
       * @return {Option}
       */
      env(name) {
        this.envVar = name;
        return this;
      }
      /**
       * Set the custom handler for processing CLI option arguments into option values.
       *
       * @param {Function} [fn]
       * @return {Option}
       */
      argParser(fn) {
        this.parseArg = fn;
        return this;
      }
      /**
       * Whether the option is mandatory and must have a value after parsing.
       *
       * @param {boolean} [mandatory=true]
       * @return {Option}
       */
      makeOptionMandatory(mandatory = true) {
        this.mandatory = !!mandatory;
        return this;
      }
      /**
       * Hide option in help.
       *
       * @param {boolean} [hide=true]
       * @return {Option}
       */
      hideHelp(hide = true) {
        this.hidden = !!hide;
        return this;
      }
      /**
       * @package
       */
      _collectValue(value, previous) {
        if (previous === this.defaultValue || !Array.isArray(previous)) {
          return [value];
        }
        previous.push(value);
        return previous;
      }
      /**
       * Only allow option value to be one of choices.
       *
       * @param {string[]} values
       * @return {Option}
       */
      choices(values) {
        this.argChoices = values.slice();
        this.parseArg = (arg, previous) => {
          if (!this.argChoices.includes(arg)) {
            throw new InvalidArgumentError2(
              `Allowed choices are ${this.argChoices.join(", ")}.`
            );
          }
          if (this.variadic) {
            return this._collectValue(arg, previous);
          }
          return arg;
        };
        return this;
      }
      /**
       * Return option name.
       *
       * @return {string}
       */
      name() {
        if (this.long) {
          return this.long.replace(/^--/, "");
        }
        return this.short.replace(/^-/, "");
      }
      /**
       * Return option name, in a camelcase format that can be used
       * as an object attribute key.
       *
       * @return {string}
       */
      attributeName() {
        if (this.negate) {
          return camelcase(this.name().replace(/^no-/, ""));
        }
        return camelcase(this.name());
      }
      /**
       * Set the help group heading.
       *
       * @param {string} heading
       * @return {Option}
       */
      helpGroup(heading) {
        this.helpGroupHeading = heading;
        return this;
      }
      /**
       * Check if `arg` matches the short or long flag.
       *
       * @param {string} arg
       * @return {boolean}
       * @package
       */
      is(arg) {
        return this.short === arg || this.long === arg;
      }
      /**
       * Return whether a boolean option.
       *
       * Options are one of boolean, negated, required argument, or optional argument.
       *
       * @return {boolean}
       * @package
       */
      isBoolean() {
        return !this.required && !this.optional && !this.negate;
      }
    };
    var DualOptions = class {
      /**
       * @param {Option[]} options
       */
      constructor(options) {
        this.positiveOptions = /* @__PURE__ */ new Map();
        this.negativeOptions = /* @__PURE__ */ new Map();
        this.dualOptions = /* @__PURE__ */ new Set();
        options.forEach((option) => {
          if (option.negate) {
            this.negativeOptions.set(option.attributeName(), option);
          } else {
            this.positiveOptions.set(option.attributeName(), option);
          }
        });
        this.negativeOptions.forEach((value, key) => {
          if (this.positiveOptions.has(key)) {
            this.dualOptions.add(key);
          }
        });
      }
      /**
       * Did the value come from the option, and not from possible matching dual option?
       *
       * @param {*} value
       * @param {Option} option
       * @returns {boolean}
       */
      valueFromOption(value, option) {
        const optionKey = option.attributeName();
        if (!this.dualOptions.has(optionKey)) return true;
        const preset = this.negativeOptions.get(optionKey).presetArg;
        const negativeValue = preset !== void 0 ? preset : false;
        return option.negate === (negativeValue === value);
      }
    };
    function camelcase(str) {
      return str.split("-").reduce((str2, word) => {
        return str2 + word[0].toUpperCase() + word.slice(1);
      });
    }
    function splitOptionFlags(flags) {
      let shortFlag;
      let longFlag;
      const shortFlagExp = /^-[^-]$/;
      const longFlagExp = /^--[^-]/;
      const flagParts = flags.split(/[ |,]+/).concat("guard");
      if (shortFlagExp.test(flagParts[0])) shortFlag = flagParts.shift();
      if (longFlagExp.test(flagParts[0])) longFlag = flagParts.shift();
      if (!shortFlag && shortFlagExp.test(flagParts[0]))
        shortFlag = flagParts.shift();
      if (!shortFlag && longFlagExp.test(flagParts[0])) {
        shortFlag = longFlag;
        longFlag = flagParts.shift();
      }
      if (flagParts[0].startsWith("-")) {
        const unsupportedFlag = flagParts[0];
        const baseError = `option creation failed due to '${unsupportedFlag}' in option flags '${flags}'`;
        if (/^-[^-][^-]/.test(unsupportedFlag))
          throw new Error(
            `${baseError}
- a short flag is a single dash and a single character
  - either use a single dash and a single character (for a short flag)
  - or use a double dash for a long option (and can have two, like '--ws, --workspace')`
          );
        if (shortFlagExp.test(unsupportedFlag))
          throw new Error(`${baseError}
- too many short flags`);
        if (longFlagExp.test(unsupportedFlag))
          throw new Error(`${baseError}
- too many long flags`);
        throw new Error(`${baseError}
- unrecognised flag format`);
      }
      if (shortFlag === void 0 && longFlag === void 0)
        throw new Error(
          `option creation failed due to no flags found in '${flags}'.`
        );
      return { shortFlag, longFlag };
    }
    exports2.Option = Option2;
    exports2.DualOptions = DualOptions;
  }
});

// node_modules/commander/lib/suggestSimilar.js
var require_suggestSimilar = __commonJS({
  "node_modules/commander/lib/suggestSimilar.js"(exports2) {
    var maxDistance = 3;
    function editDistance(a, b) {
      if (Math.abs(a.length - b.length) > maxDistance)
        return Math.max(a.length, b.length);
      const d = [];
      for (let i = 0; i <= a.length; i++) {
        d[i] = [i];
      }
      for (let j = 0; j <= b.length; j++) {
        d[0][j] = j;
      }
      for (let j = 1; j <= b.length; j++) {
        for (let i = 1; i <= a.length; i++) {
          let cost = 1;
          if (a[i - 1] === b[j - 1]) {
            cost = 0;
          } else {
            cost = 1;
          }
          d[i][j] = Math.min(
            d[i - 1][j] + 1,
            // deletion
            d[i][j - 1] + 1,
            // insertion
            d[i - 1][j - 1] + cost
            // substitution
          );
          if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
            d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
          }
        }
      }
      return d[a.length][b.length];
    }
    function suggestSimilar(word, candidates) {
      if (!candidates || candidates.length === 0) return "";
      candidates = Array.from(new Set(candidates));
      const searchingOptions = word.startsWith("--");
      if (searchingOptions) {
        word = word.slice(2);
        candidates = candidates.map((candidate) => candidate.slice(2));
      }
      let similar = [];
      let bestDistance = maxDistance;
      const minSimilarity = 0.4;
      candidates.forEach((candidate) => {
        if (candidate.length <= 1) return;
        const distance2 = editDistance(word, candidate);
        const length = Math.max(word.length, candidate.length);
        const similarity = (length - distance2) / length;
        if (similarity > minSimilarity) {
          if (distance2 < bestDistance) {
            bestDistance = distance2;
            similar = [candidate];
          } else if (distance2 === bestDistance) {
            similar.push(candidate);
          }
        }
      });
      similar.sort((a, b) => a.localeCompare(b));
      if (searchingOptions) {
        similar = similar.map((candidate) => `--${candidate}`);
      }
      if (similar.length > 1) {
        return `
(Did you mean one of ${similar.join(", ")}?)`;
      }
      if (similar.length === 1) {
        return `
(Did you mean ${similar[0]}?)`;
      }
      return "";
    }
    exports2.suggestSimilar = suggestSimilar;
  }
});

// node_modules/commander/lib/command.js
var require_command = __commonJS({
  "node_modules/commander/lib/command.js"(exports2) {
    var EventEmitter = require("node:events").EventEmitter;
    var childProcess = require_child_process();
    var path20 = require("node:path");
    var fs = require("node:fs");
    var process2 = require("node:process");
    var { Argument: Argument2, humanReadableArgName } = require_argument();
    var { CommanderError: CommanderError2 } = require_error();
    var { Help: Help2, stripColor } = require_help();
    var { Option: Option2, DualOptions } = require_option();
    var { suggestSimilar } = require_suggestSimilar();
    var Command2 = class _Command extends EventEmitter {
      /**
       * Initialize a new `Command`.
       *
       * @param {string} [name]
       */
      constructor(name) {
        super();
        this.commands = [];
        this.options = [];
        this.parent = null;
        this._allowUnknownOption = false;
        this._allowExcessArguments = false;
        this.registeredArguments = [];
        this._args = this.registeredArguments;
        this.args = [];
        this.rawArgs = [];
        this.processedArgs = [];
        this._scriptPath = null;
        this._name = name || "";
        this._optionValues = {};
        this._optionValueSources = {};
        this._storeOptionsAsProperties = false;
        this._actionHandler = null;
        this._executableHandler = false;
        this._executableFile = null;
        this._executableDir = null;
        this._defaultCommandName = null;
        this._exitCallback = null;
        this._aliases = [];
        this._combineFlagAndOptionalValue = true;
        this._description = "";
        this._summary = "";
        this._argsDescription = void 0;
        this._enablePositionalOptions = false;
        this._passThroughOptions = false;
        this._lifeCycleHooks = {};
        this._showHelpAfterError = false;
        this._showSuggestionAfterError = true;
        this._savedState = null;
        this._outputConfiguration = {
          writeOut: (str) => process2.stdout.write(str),
          writeErr: (str) => process2.stderr.write(str),
          outputError: (str, write) => write(str),
          getOutHelpWidth: () => process2.stdout.isTTY ? process2.stdout.columns : void 0,
          getErrHelpWidth: () => process2.stderr.isTTY ? process2.stderr.columns : void 0,
          getOutHasColors: () => useColor() ?? (process2.stdout.isTTY && process2.stdout.hasColors?.()),
          getErrHasColors: () => useColor() ?? (process2.stderr.isTTY && process2.stderr.hasColors?.()),
          stripColor: (str) => stripColor(str)
        };
        this._hidden = false;
        this._helpOption = void 0;
        this._addImplicitHelpCommand = void 0;
        this._helpCommand = void 0;
        this._helpConfiguration = {};
        this._helpGroupHeading = void 0;
        this._defaultCommandGroup = void 0;
        this._defaultOptionGroup = void 0;
      }
      /**
       * Copy settings that are useful to have in common across root command and subcommands.
       *
       * (Used internally when adding a command using `.command()` so subcommands inherit parent settings.)
       *
       * @param {Command} sourceCommand
       * @return {Command} `this` command for chaining
       */
      copyInheritedSettings(sourceCommand) {
        this._outputConfiguration = sourceCommand._outputConfiguration;
        this._helpOption = sourceCommand._helpOption;
        this._helpCommand = sourceCommand._helpCommand;
        this._helpConfiguration = sourceCommand._helpConfiguration;
        this._exitCallback = sourceCommand._exitCallback;
        this._storeOptionsAsProperties = sourceCommand._storeOptionsAsProperties;
        this._combineFlagAndOptionalValue = sourceCommand._combineFlagAndOptionalValue;
        this._allowExcessArguments = sourceCommand._allowExcessArguments;
        this._enablePositionalOptions = sourceCommand._enablePositionalOptions;
        this._showHelpAfterError = sourceCommand._showHelpAfterError;
        this._showSuggestionAfterError = sourceCommand._showSuggestionAfterError;
        return this;
      }
      /**
       * @returns {Command[]}
       * @private
       */
      _getCommandAndAncestors() {
        const result = [];
        for (let command = this; command; command = command.parent) {
          result.push(command);
        }
        return result;
      }
      /**
       * Define a command.
       *
       * There are two styles of command: pay attention to where to put the description.
       *
       * @example
       * // Command implemented using action handler (description is supplied separately to `.command`)
       * program
       *   .command('clone <source> [destination]')
       *   .description('clone a repository into a newly created directory')
       *   .action((source, destination) => {
       *     console.log('clone command called');
       *   });
       *
       * // Command implemented using separate executable file (description is second parameter to `.command`)
       * program
       *   .command('start <service>', 'start named service')
       *   .command('stop [service]', 'stop named service, or all if no name supplied');
       *
       * @param {string} nameAndArgs - command name and arguments, args are `<required>` or `[optional]` and last may also be `variadic...`
       * @param {(object | string)} [actionOptsOrExecDesc] - configuration options (for action), or description (for executable)
       * @param {object} [execOpts] - configuration options (for executable)
       * @return {Command} returns new command for action handler, or `this` for executable command
       */
      command(nameAndArgs, actionOptsOrExecDesc, execOpts) {
        let desc = actionOptsOrExecDesc;
        let opts = execOpts;
        if (typeof desc === "object" && desc !== null) {
          opts = desc;
          desc = null;
        }
        opts = opts || {};
        const [, name, args] = nameAndArgs.match(/([^ ]+) *(.*)/);
        const cmd = this.createCommand(name);
        if (desc) {
          cmd.description(desc);
          cmd._executableHandler = true;
        }
        if (opts.isDefault) this._defaultCommandName = cmd._name;
        cmd._hidden = !!(opts.noHelp || opts.hidden);
        cmd._executableFile = opts.executableFile || null;
        if (args) cmd.arguments(args);
        this._registerCommand(cmd);
        cmd.parent = this;
        cmd.copyInheritedSettings(this);
        if (desc) return this;
        return cmd;
      }
      /**
       * Factory routine to create a new unattached command.
       *
       * See .command() for creating an attached subcommand, which uses this routine to
       * create the command. You can override createCommand to customise subcommands.
       *
       * @param {string} [name]
       * @return {Command} new command
       */
      createCommand(name) {
        return new _Command(name);
      }
      /**
       * You can customise the help with a subclass of Help by overriding createHelp,
       * or by overriding Help properties using configureHelp().
       *
       * @return {Help}
       */
      createHelp() {
        return Object.assign(new Help2(), this.configureHelp());
      }
      /**
       * You can customise the help by overriding Help properties using configureHelp(),
       * or with a subclass of Help by overriding createHelp().
       *
       * @param {object} [configuration] - configuration options
       * @return {(Command | object)} `this` command for chaining, or stored configuration
       */
      configureHelp(configuration) {
        if (configuration === void 0) return this._helpConfiguration;
        this._helpConfiguration = configuration;
        return this;
      }
      /**
       * The default output goes to stdout and stderr. You can customise this for special
       * applications. You can also customise the display of errors by overriding outputError.
       *
       * The configuration properties are all functions:
       *
       *     // change how output being written, defaults to stdout and stderr
       *     writeOut(str)
       *     writeErr(str)
       *     // change how output being written for errors, defaults to writeErr
       *     outputError(str, write) // used for displaying errors and not used for displaying help
       *     // specify width for wrapping help
       *     getOutHelpWidth()
       *     getErrHelpWidth()
       *     // color support, currently only used with Help
       *     getOutHasColors()
       *     getErrHasColors()
       *     stripColor() // used to remove ANSI escape codes if output does not have colors
       *
       * @param {object} [configuration] - configuration options
       * @return {(Command | object)} `this` command for chaining, or stored configuration
       */
      configureOutput(configuration) {
        if (configuration === void 0) return this._outputConfiguration;
        this._outputConfiguration = {
          ...this._outputConfiguration,
          ...configuration
        };
        return this;
      }
      /**
       * Display the help or a custom message after an error occurs.
       *
       * @param {(boolean|string)} [displayHelp]
       * @return {Command} `this` command for chaining
       */
      showHelpAfterError(displayHelp = true) {
        if (typeof displayHelp !== "string") displayHelp = !!displayHelp;
        this._showHelpAfterError = displayHelp;
        return this;
      }
      /**
       * Display suggestion of similar commands for unknown commands, or options for unknown options.
       *
       * @param {boolean} [displaySuggestion]
       * @return {Command} `this` command for chaining
       */
      showSuggestionAfterError(displaySuggestion = true) {
        this._showSuggestionAfterError = !!displaySuggestion;
        return this;
      }
      /**
       * Add a prepared subcommand.
       *
       * See .command() for creating an attached subcommand which inherits settings from its parent.
       *
       * @param {Command} cmd - new subcommand
       * @param {object} [opts] - configuration options
       * @return {Command} `this` command for chaining
       */
      addCommand(cmd, opts) {
        if (!cmd._name) {
          throw new Error(`Command passed to .addCommand() must have a name
- specify the name in Command constructor or using .name()`);
        }
        opts = opts || {};
        if (opts.isDefault) this._defaultCommandName = cmd._name;
        if (opts.noHelp || opts.hidden) cmd._hidden = true;
        this._registerCommand(cmd);
        cmd.parent = this;
        cmd._checkForBrokenPassThrough();
        return this;
      }
      /**
       * Factory routine to create a new unattached argument.
       *
       * See .argument() for creating an attached argument, which uses this routine to
       * create the argument. You can override createArgument to return a custom argument.
       *
       * @param {string} name
       * @param {string} [description]
       * @return {Argument} new argument
       */
      createArgument(name, description) {
        return new Argument2(name, description);
      }
      /**
       * Define argument syntax for command.
       *
       * The default is that the argument is required, and you can explicitly
       * indicate this with <> around the name. Put [] around the name for an optional argument.
       *
       * @example
       * program.argument('<input-file>');
       * program.argument('[output-file]');
       *
       * @param {string} name
       * @param {string} [description]
       * @param {(Function|*)} [parseArg] - custom argument processing function or default value
       * @param {*} [defaultValue]
       * @return {Command} `this` command for chaining
       */
      argument(name, description, parseArg, defaultValue) {
        const argument = this.createArgument(name, description);
        if (typeof parseArg === "function") {
          argument.default(defaultValue).argParser(parseArg);
        } else {
          argument.default(parseArg);
        }
        this.addArgument(argument);
        return this;
      }
      /**
       * Define argument syntax for command, adding multiple at once (without descriptions).
       *
       * See also .argument().
       *
       * @example
       * program.arguments('<cmd> [env]');
       *
       * @param {string} names
       * @return {Command} `this` command for chaining
       */
      arguments(names) {
        names.trim().split(/ +/).forEach((detail) => {
          this.argument(detail);
        });
        return this;
      }
      /**
       * Define argument syntax for command, adding a prepared argument.
       *
       * @param {Argument} argument
       * @return {Command} `this` command for chaining
       */
      addArgument(argument) {
        const previousArgument = this.registeredArguments.slice(-1)[0];
        if (previousArgument?.variadic) {
          throw new Error(
            `only the last argument can be variadic '${previousArgument.name()}'`
          );
        }
        if (argument.required && argument.defaultValue !== void 0 && argument.parseArg === void 0) {
          throw new Error(
            `a default value for a required argument is never used: '${argument.name()}'`
          );
        }
        this.registeredArguments.push(argument);
        return this;
      }
      /**
       * Customise or override default help command. By default a help command is automatically added if your command has subcommands.
       *
       * @example
       *    program.helpCommand('help [cmd]');
       *    program.helpCommand('help [cmd]', 'show help');
       *    program.helpCommand(false); // suppress default help command
       *    program.helpCommand(true); // add help command even if no subcommands
       *
       * @param {string|boolean} enableOrNameAndArgs - enable with custom name and/or arguments, or boolean to override whether added
       * @param {string} [description] - custom description
       * @return {Command} `this` command for chaining
       */
      helpCommand(enableOrNameAndArgs, description) {
        if (typeof enableOrNameAndArgs === "boolean") {
          this._addImplicitHelpCommand = enableOrNameAndArgs;
          if (enableOrNameAndArgs && this._defaultCommandGroup) {
            this._initCommandGroup(this._getHelpCommand());
          }
          return this;
        }
        const nameAndArgs = enableOrNameAndArgs ?? "help [command]";
        const [, helpName, helpArgs] = nameAndArgs.match(/([^ ]+) *(.*)/);
        const helpDescription = description ?? "display help for command";
        const helpCommand = this.createCommand(helpName);
        helpCommand.helpOption(false);
        if (helpArgs) helpCommand.arguments(helpArgs);
        if (helpDescription) helpCommand.description(helpDescription);
        this._addImplicitHelpCommand = true;
        this._helpCommand = helpCommand;
        if (enableOrNameAndArgs || description) this._initCommandGroup(helpCommand);
        return this;
      }
      /**
       * Add prepared custom help command.
       *
       * @param {(Command|string|boolean)} helpCommand - custom help command, or deprecated enableOrNameAndArgs as for `.helpCommand()`
       * @param {string} [deprecatedDescription] - deprecated custom description used with custom name only
       * @return {Command} `this` command for chaining
       */
      addHelpCommand(helpCommand, deprecatedDescription) {
        if (typeof helpCommand !== "object") {
          this.helpCommand(helpCommand, deprecatedDescription);
          return this;
        }
        this._addImplicitHelpCommand = true;
        this._helpCommand = helpCommand;
        this._initCommandGroup(helpCommand);
        return this;
      }
      /**
       * Lazy create help command.
       *
       * @return {(Command|null)}
       * @package
       */
      _getHelpCommand() {
        const hasImplicitHelpCommand = this._addImplicitHelpCommand ?? (this.commands.length && !this._actionHandler && !this._findCommand("help"));
        if (hasImplicitHelpCommand) {
          if (this._helpCommand === void 0) {
            this.helpCommand(void 0, void 0);
          }
          return this._helpCommand;
        }
        return null;
      }
      /**
       * Add hook for life cycle event.
       *
       * @param {string} event
       * @param {Function} listener
       * @return {Command} `this` command for chaining
       */
      hook(event, listener) {
        const allowedValues = ["preSubcommand", "preAction", "postAction"];
        if (!allowedValues.includes(event)) {
          throw new Error(`Unexpected value for event passed to hook : '${event}'.
Expecting one of '${allowedValues.join("', '")}'`);
        }
        if (this._lifeCycleHooks[event]) {
          this._lifeCycleHooks[event].push(listener);
        } else {
          this._lifeCycleHooks[event] = [listener];
        }
        return this;
      }
      /**
       * Register callback to use as replacement for calling process.exit.
       *
       * @param {Function} [fn] optional callback which will be passed a CommanderError, defaults to throwing
       * @return {Command} `this` command for chaining
       */
      exitOverride(fn) {
        if (fn) {
          this._exitCallback = fn;
        } else {
          this._exitCallback = (err) => {
            if (err.code !== "commander.executeSubCommandAsync") {
              throw err;
            } else {
            }
          };
        }
        return this;
      }
      /**
       * Call process.exit, and _exitCallback if defined.
       *
       * @param {number} exitCode exit code for using with process.exit
       * @param {string} code an id string representing the error
       * @param {string} message human-readable description of the error
       * @return never
       * @private
       */
      _exit(exitCode, code, message) {
        if (this._exitCallback) {
          this._exitCallback(new CommanderError2(exitCode, code, message));
        }
        process2.exit(exitCode);
      }
      /**
       * Register callback `fn` for the command.
       *
       * @example
       * program
       *   .command('serve')
       *   .description('start service')
       *   .action(function() {
       *      // do work here
       *   });
       *
       * @param {Function} fn
       * @return {Command} `this` command for chaining
       */
      action(fn) {
        const listener = (args) => {
          const expectedArgsCount = this.registeredArguments.length;
          const actionArgs = args.slice(0, expectedArgsCount);
          if (this._storeOptionsAsProperties) {
            actionArgs[expectedArgsCount] = this;
          } else {
            actionArgs[expectedArgsCount] = this.opts();
          }
          actionArgs.push(this);
          return fn.apply(this, actionArgs);
        };
        this._actionHandler = listener;
        return this;
      }
      /**
       * Factory routine to create a new unattached option.
       *
       * See .option() for creating an attached option, which uses this routine to
       * create the option. You can override createOption to return a custom option.
       *
       * @param {string} flags
       * @param {string} [description]
       * @return {Option} new option
       */
      createOption(flags, description) {
        return new Option2(flags, description);
      }
      /**
       * Wrap parseArgs to catch 'commander.invalidArgument'.
       *
       * @param {(Option | Argument)} target
       * @param {string} value
       * @param {*} previous
       * @param {string} invalidArgumentMessage
       * @private
       */
      _callParseArg(target, value, previous, invalidArgumentMessage) {
        try {
          return target.parseArg(value, previous);
        } catch (err) {
          if (err.code === "commander.invalidArgument") {
            const message = `${invalidArgumentMessage} ${err.message}`;
            this.error(message, { exitCode: err.exitCode, code: err.code });
          }
          throw err;
        }
      }
      /**
       * Check for option flag conflicts.
       * Register option if no conflicts found, or throw on conflict.
       *
       * @param {Option} option
       * @private
       */
      _registerOption(option) {
        const matchingOption = option.short && this._findOption(option.short) || option.long && this._findOption(option.long);
        if (matchingOption) {
          const matchingFlag = option.long && this._findOption(option.long) ? option.long : option.short;
          throw new Error(`Cannot add option '${option.flags}'${this._name && ` to command '${this._name}'`} due to conflicting flag '${matchingFlag}'
-  already used by option '${matchingOption.flags}'`);
        }
        this._initOptionGroup(option);
        this.options.push(option);
      }
      /**
       * Check for command name and alias conflicts with existing commands.
       * Register command if no conflicts found, or throw on conflict.
       *
       * @param {Command} command
       * @private
       */
      _registerCommand(command) {
        const knownBy = (cmd) => {
          return [cmd.name()].concat(cmd.aliases());
        };
        const alreadyUsed = knownBy(command).find(
          (name) => this._findCommand(name)
        );
        if (alreadyUsed) {
          const existingCmd = knownBy(this._findCommand(alreadyUsed)).join("|");
          const newCmd = knownBy(command).join("|");
          throw new Error(
            `cannot add command '${newCmd}' as already have command '${existingCmd}'`
          );
        }
        this._initCommandGroup(command);
        this.commands.push(command);
      }
      /**
       * Add an option.
       *
       * @param {Option} option
       * @return {Command} `this` command for chaining
       */
      addOption(option) {
        this._registerOption(option);
        const oname = option.name();
        const name = option.attributeName();
        if (option.negate) {
          const positiveLongFlag = option.long.replace(/^--no-/, "--");
          if (!this._findOption(positiveLongFlag)) {
            this.setOptionValueWithSource(
              name,
              option.defaultValue === void 0 ? true : option.defaultValue,
              "default"
            );
          }
        } else if (option.defaultValue !== void 0) {
          this.setOptionValueWithSource(name, option.defaultValue, "default");
        }
        const handleOptionValue = (val, invalidValueMessage, valueSource) => {
          if (val == null && option.presetArg !== void 0) {
            val = option.presetArg;
          }
          const oldValue = this.getOptionValue(name);
          if (val !== null && option.parseArg) {
            val = this._callParseArg(option, val, oldValue, invalidValueMessage);
          } else if (val !== null && option.variadic) {
            val = option._collectValue(val, oldValue);
          }
          if (val == null) {
            if (option.negate) {
              val = false;
            } else if (option.isBoolean() || option.optional) {
              val = true;
            } else {
              val = "";
            }
          }
          this.setOptionValueWithSource(name, val, valueSource);
        };
        this.on("option:" + oname, (val) => {
          const invalidValueMessage = `error: option '${option.flags}' argument '${val}' is invalid.`;
          handleOptionValue(val, invalidValueMessage, "cli");
        });
        if (option.envVar) {
          this.on("optionEnv:" + oname, (val) => {
            const invalidValueMessage = `error: option '${option.flags}' value '${val}' from env '${option.envVar}' is invalid.`;
            handleOptionValue(val, invalidValueMessage, "env");
          });
        }
        return this;
      }
      /**
       * Internal implementation shared by .option() and .requiredOption()
       *
       * @return {Command} `this` command for chaining
       * @private
       */
      _optionEx(config, flags, description, fn, defaultValue) {
        if (typeof flags === "object" && flags instanceof Option2) {
          throw new Error(
            "To add an Option object use addOption() instead of option() or requiredOption()"
          );
        }
        const option = this.createOption(flags, description);
        option.makeOptionMandatory(!!config.mandatory);
        if (typeof fn === "function") {
          option.default(defaultValue).argParser(fn);
        } else if (fn instanceof RegExp) {
          const regex = fn;
          fn = (val, def) => {
            const m = regex.exec(val);
            return m ? m[0] : def;
          };
          option.default(defaultValue).argParser(fn);
        } else {
          option.default(fn);
        }
        return this.addOption(option);
      }
      /**
       * Define option with `flags`, `description`, and optional argument parsing function or `defaultValue` or both.
       *
       * The `flags` string contains the short and/or long flags, separated by comma, a pipe or space. A required
       * option-argument is indicated by `<>` and an optional option-argument by `[]`.
       *
       * See the README for more details, and see also addOption() and requiredOption().
       *
       * @example
       * program
       *     .option('-p, --pepper', 'add pepper')
       *     .option('--pt, --pizza-type <TYPE>', 'type of pizza') // required option-argument
       *     .option('-c, --cheese [CHEESE]', 'add extra cheese', 'mozzarella') // optional option-argument with default
       *     .option('-t, --tip <VALUE>', 'add tip to purchase cost', parseFloat) // custom parse function
       *
       * @param {string} flags
       * @param {string} [description]
       * @param {(Function|*)} [parseArg] - custom option processing function or default value
       * @param {*} [defaultValue]
       * @return {Command} `this` command for chaining
       */
      option(flags, description, parseArg, defaultValue) {
        return this._optionEx({}, flags, description, parseArg, defaultValue);
      }
      /**
       * Add a required option which must have a value after parsing. This usually means
       * the option must be specified on the command line. (Otherwise the same as .option().)
       *
       * The `flags` string contains the short and/or long flags, separated by comma, a pipe or space.
       *
       * @param {string} flags
       * @param {string} [description]
       * @param {(Function|*)} [parseArg] - custom option processing function or default value
       * @param {*} [defaultValue]
       * @return {Command} `this` command for chaining
       */
      requiredOption(flags, description, parseArg, defaultValue) {
        return this._optionEx(
          { mandatory: true },
          flags,
          description,
          parseArg,
          defaultValue
        );
      }
      /**
       * Alter parsing of short flags with optional values.
       *
       * @example
       * // for `.option('-f,--flag [value]'):
       * program.combineFlagAndOptionalValue(true);  // `-f80` is treated like `--flag=80`, this is the default behaviour
       * program.combineFlagAndOptionalValue(false) // `-fb` is treated like `-f -b`
       *
       * @param {boolean} [combine] - if `true` or omitted, an optional value can be specified directly after the flag.
       * @return {Command} `this` command for chaining
       */
      combineFlagAndOptionalValue(combine = true) {
        this._combineFlagAndOptionalValue = !!combine;
        return this;
      }
      /**
       * Allow unknown options on the command line.
       *
       * @param {boolean} [allowUnknown] - if `true` or omitted, no error will be thrown for unknown options.
       * @return {Command} `this` command for chaining
       */
      allowUnknownOption(allowUnknown = true) {
        this._allowUnknownOption = !!allowUnknown;
        return this;
      }
      /**
       * Allow excess command-arguments on the command line. Pass false to make excess arguments an error.
       *
       * @param {boolean} [allowExcess] - if `true` or omitted, no error will be thrown for excess arguments.
       * @return {Command} `this` command for chaining
       */
      allowExcessArguments(allowExcess = true) {
        this._allowExcessArguments = !!allowExcess;
        return this;
      }
      /**
       * Enable positional options. Positional means global options are specified before subcommands which lets
       * subcommands reuse the same option names, and also enables subcommands to turn on passThroughOptions.
       * The default behaviour is non-positional and global options may appear anywhere on the command line.
       *
       * @param {boolean} [positional]
       * @return {Command} `this` command for chaining
       */
      enablePositionalOptions(positional = true) {
        this._enablePositionalOptions = !!positional;
        return this;
      }
      /**
       * Pass through options that come after command-arguments rather than treat them as command-options,
       * so actual command-options come before command-arguments. Turning this on for a subcommand requires
       * positional options to have been enabled on the program (parent commands).
       * The default behaviour is non-positional and options may appear before or after command-arguments.
       *
       * @param {boolean} [passThrough] for unknown options.
       * @return {Command} `this` command for chaining
       */
      passThroughOptions(passThrough = true) {
        this._passThroughOptions = !!passThrough;
        this._checkForBrokenPassThrough();
        return this;
      }
      /**
       * @private
       */
      _checkForBrokenPassThrough() {
        if (this.parent && this._passThroughOptions && !this.parent._enablePositionalOptions) {
          throw new Error(
            `passThroughOptions cannot be used for '${this._name}' without turning on enablePositionalOptions for parent command(s)`
          );
        }
      }
      /**
       * Whether to store option values as properties on command object,
       * or store separately (specify false). In both cases the option values can be accessed using .opts().
       *
       * @param {boolean} [storeAsProperties=true]
       * @return {Command} `this` command for chaining
       */
      storeOptionsAsProperties(storeAsProperties = true) {
        if (this.options.length) {
          throw new Error("call .storeOptionsAsProperties() before adding options");
        }
        if (Object.keys(this._optionValues).length) {
          throw new Error(
            "call .storeOptionsAsProperties() before setting option values"
          );
        }
        this._storeOptionsAsProperties = !!storeAsProperties;
        return this;
      }
      /**
       * Retrieve option value.
       *
       * @param {string} key
       * @return {object} value
       */
      getOptionValue(key) {
        if (this._storeOptionsAsProperties) {
          return this[key];
        }
        return this._optionValues[key];
      }
      /**
       * Store option value.
       *
       * @param {string} key
       * @param {object} value
       * @return {Command} `this` command for chaining
       */
      setOptionValue(key, value) {
        return this.setOptionValueWithSource(key, value, void 0);
      }
      /**
       * Store option value and where the value came from.
       *
       * @param {string} key
       * @param {object} value
       * @param {string} source - expected values are default/config/env/cli/implied
       * @return {Command} `this` command for chaining
       */
      setOptionValueWithSource(key, value, source) {
        if (this._storeOptionsAsProperties) {
          this[key] = value;
        } else {
          this._optionValues[key] = value;
        }
        this._optionValueSources[key] = source;
        return this;
      }
      /**
       * Get source of option value.
       * Expected values are default | config | env | cli | implied
       *
       * @param {string} key
       * @return {string}
       */
      getOptionValueSource(key) {
        return this._optionValueSources[key];
      }
      /**
       * Get source of option value. See also .optsWithGlobals().
       * Expected values are default | config | env | cli | implied
       *
       * @param {string} key
       * @return {string}
       */
      getOptionValueSourceWithGlobals(key) {
        let source;
        this._getCommandAndAncestors().forEach((cmd) => {
          if (cmd.getOptionValueSource(key) !== void 0) {
            source = cmd.getOptionValueSource(key);
          }
        });
        return source;
      }
      /**
       * Get user arguments from implied or explicit arguments.
       * Side-effects: set _scriptPath if args included script. Used for default program name, and subcommand searches.
       *
       * @private
       */
      _prepareUserArgs(argv, parseOptions) {
        if (argv !== void 0 && !Array.isArray(argv)) {
          throw new Error("first parameter to parse must be array or undefined");
        }
        parseOptions = parseOptions || {};
        if (argv === void 0 && parseOptions.from === void 0) {
          if (process2.versions?.electron) {
            parseOptions.from = "electron";
          }
          const execArgv = process2.execArgv ?? [];
          if (execArgv.includes("-e") || execArgv.includes("--eval") || execArgv.includes("-p") || execArgv.includes("--print")) {
            parseOptions.from = "eval";
          }
        }
        if (argv === void 0) {
          argv = process2.argv;
        }
        this.rawArgs = argv.slice();
        let userArgs;
        switch (parseOptions.from) {
          case void 0:
          case "node":
            this._scriptPath = argv[1];
            userArgs = argv.slice(2);
            break;
          case "electron":
            if (process2.defaultApp) {
              this._scriptPath = argv[1];
              userArgs = argv.slice(2);
            } else {
              userArgs = argv.slice(1);
            }
            break;
          case "user":
            userArgs = argv.slice(0);
            break;
          case "eval":
            userArgs = argv.slice(1);
            break;
          default:
            throw new Error(
              `unexpected parse option { from: '${parseOptions.from}' }`
            );
        }
        if (!this._name && this._scriptPath)
          this.nameFromFilename(this._scriptPath);
        this._name = this._name || "program";
        return userArgs;
      }
      /**
       * Parse `argv`, setting options and invoking commands when defined.
       *
       * Use parseAsync instead of parse if any of your action handlers are async.
       *
       * Call with no parameters to parse `process.argv`. Detects Electron and special node options like `node --eval`. Easy mode!
       *
       * Or call with an array of strings to parse, and optionally where the user arguments start by specifying where the arguments are `from`:
       * - `'node'`: default, `argv[0]` is the application and `argv[1]` is the script being run, with user arguments after that
       * - `'electron'`: `argv[0]` is the application and `argv[1]` varies depending on whether the electron application is packaged
       * - `'user'`: just user arguments
       *
       * @example
       * program.parse(); // parse process.argv and auto-detect electron and special node flags
       * program.parse(process.argv); // assume argv[0] is app and argv[1] is script
       * program.parse(my-args, { from: 'user' }); // just user supplied arguments, nothing special about argv[0]
       *
       * @param {string[]} [argv] - optional, defaults to process.argv
       * @param {object} [parseOptions] - optionally specify style of options with from: node/user/electron
       * @param {string} [parseOptions.from] - where the args are from: 'node', 'user', 'electron'
       * @return {Command} `this` command for chaining
       */
      parse(argv, parseOptions) {
        this._prepareForParse();
        const userArgs = this._prepareUserArgs(argv, parseOptions);
        this._parseCommand([], userArgs);
        return this;
      }
      /**
       * Parse `argv`, setting options and invoking commands when defined.
       *
       * Call with no parameters to parse `process.argv`. Detects Electron and special node options like `node --eval`. Easy mode!
       *
       * Or call with an array of strings to parse, and optionally where the user arguments start by specifying where the arguments are `from`:
       * - `'node'`: default, `argv[0]` is the application and `argv[1]` is the script being run, with user arguments after that
       * - `'electron'`: `argv[0]` is the application and `argv[1]` varies depending on whether the electron application is packaged
       * - `'user'`: just user arguments
       *
       * @example
       * await program.parseAsync(); // parse process.argv and auto-detect electron and special node flags
       * await program.parseAsync(process.argv); // assume argv[0] is app and argv[1] is script
       * await program.parseAsync(my-args, { from: 'user' }); // just user supplied arguments, nothing special about argv[0]
       *
       * @param {string[]} [argv]
       * @param {object} [parseOptions]
       * @param {string} parseOptions.from - where the args are from: 'node', 'user', 'electron'
       * @return {Promise}
       */
      async parseAsync(argv, parseOptions) {
        this._prepareForParse();
        const userArgs = this._prepareUserArgs(argv, parseOptions);
        await this._parseCommand([], userArgs);
        return this;
      }
      _prepareForParse() {
        if (this._savedState === null) {
          this.saveStateBeforeParse();
        } else {
          this.restoreStateBeforeParse();
        }
      }
      /**
       * Called the first time parse is called to save state and allow a restore before subsequent calls to parse.
       * Not usually called directly, but available for subclasses to save their custom state.
       *
       * This is called in a lazy way. Only commands used in parsing chain will have state saved.
       */
      saveStateBeforeParse() {
        this._savedState = {
          // name is stable if supplied by author, but may be unspecified for root command and deduced during parsing
          _name: this._name,
          // option values before parse have default values (including false for negated options)
          // shallow clones
          _optionValues: { ...this._optionValues },
          _optionValueSources: { ...this._optionValueSources }
        };
      }
      /**
       * Restore state before parse for calls after the first.
       * Not usually called directly, but available for subclasses to save their custom state.
       *
       * This is called in a lazy way. Only commands used in parsing chain will have state restored.
       */
      restoreStateBeforeParse() {
        if (this._storeOptionsAsProperties)
          throw new Error(`Can not call parse again when storeOptionsAsProperties is true.
- either make a new Command for each call to parse, or stop storing options as properties`);
        this._name = this._savedState._name;
        this._scriptPath = null;
        this.rawArgs = [];
        this._optionValues = { ...this._savedState._optionValues };
        this._optionValueSources = { ...this._savedState._optionValueSources };
        this.args = [];
        this.processedArgs = [];
      }
      /**
       * Throw if expected executable is missing. Add lots of help for author.
       *
       * @param {string} executableFile
       * @param {string} executableDir
       * @param {string} subcommandName
       */
      _checkForMissingExecutable(executableFile, executableDir, subcommandName) {
        if (fs.existsSync(executableFile)) return;
        const executableDirMessage = executableDir ? `searched for local subcommand relative to directory '${executableDir}'` : "no directory for search for local subcommand, use .executableDir() to supply a custom directory";
        const executableMissing = `'${executableFile}' does not exist
 - if '${subcommandName}' is not meant to be an executable command, remove description parameter from '.command()' and use '.description()' instead
 - if the default executable name is not suitable, use the executableFile option to supply a custom name or path
 - ${executableDirMessage}`;
        throw new Error(executableMissing);
      }
      /**
       * Execute a sub-command executable.
       *
       * @private
       */
      _executeSubCommand(subcommand, args) {
        args = args.slice();
        let launchWithNode = false;
        const sourceExt = [".js", ".ts", ".tsx", ".mjs", ".cjs"];
        function findFile(baseDir, baseName) {
          const localBin = path20.resolve(baseDir, baseName);
          if (fs.existsSync(localBin)) return localBin;
          if (sourceExt.includes(path20.extname(baseName))) return void 0;
          const foundExt = sourceExt.find(
            (ext) => fs.existsSync(`${localBin}${ext}`)
          );
          if (foundExt) return `${localBin}${foundExt}`;
          return void 0;
        }
        this._checkForMissingMandatoryOptions();
        this._checkForConflictingOptions();
        let executableFile = subcommand._executableFile || `${this._name}-${subcommand._name}`;
        let executableDir = this._executableDir || "";
        if (this._scriptPath) {
          let resolvedScriptPath;
          try {
            resolvedScriptPath = fs.realpathSync(this._scriptPath);
          } catch {
            resolvedScriptPath = this._scriptPath;
          }
          executableDir = path20.resolve(
            path20.dirname(resolvedScriptPath),
            executableDir
          );
        }
        if (executableDir) {
          let localFile = findFile(executableDir, executableFile);
          if (!localFile && !subcommand._executableFile && this._scriptPath) {
            const legacyName = path20.basename(
              this._scriptPath,
              path20.extname(this._scriptPath)
            );
            if (legacyName !== this._name) {
              localFile = findFile(
                executableDir,
                `${legacyName}-${subcommand._name}`
              );
            }
          }
          executableFile = localFile || executableFile;
        }
        launchWithNode = sourceExt.includes(path20.extname(executableFile));
        let proc;
        if (process2.platform !== "win32") {
          if (launchWithNode) {
            args.unshift(executableFile);
            args = incrementNodeInspectorPort(process2.execArgv).concat(args);
            proc = childProcess.spawn(process2.argv[0], args, { stdio: "inherit" });
          } else {
            proc = childProcess.spawn(executableFile, args, { stdio: "inherit" });
          }
        } else {
          this._checkForMissingExecutable(
            executableFile,
            executableDir,
            subcommand._name
          );
          args.unshift(executableFile);
          args = incrementNodeInspectorPort(process2.execArgv).concat(args);
          proc = childProcess.spawn(process2.execPath, args, { stdio: "inherit" });
        }
        if (!proc.killed) {
          const signals = ["SIGUSR1", "SIGUSR2", "SIGTERM", "SIGINT", "SIGHUP"];
          signals.forEach((signal) => {
            process2.on(signal, () => {
              if (proc.killed === false && proc.exitCode === null) {
                proc.kill(signal);
              }
            });
          });
        }
        const exitCallback = this._exitCallback;
        proc.on("close", (code) => {
          code = code ?? 1;
          if (!exitCallback) {
            process2.exit(code);
          } else {
            exitCallback(
              new CommanderError2(
                code,
                "commander.executeSubCommandAsync",
                "(close)"
              )
            );
          }
        });
        proc.on("error", (err) => {
          if (err.code === "ENOENT") {
            this._checkForMissingExecutable(
              executableFile,
              executableDir,
              subcommand._name
            );
          } else if (err.code === "EACCES") {
            throw new Error(`'${executableFile}' not executable`);
          }
          if (!exitCallback) {
            process2.exit(1);
          } else {
            const wrappedError = new CommanderError2(
              1,
              "commander.executeSubCommandAsync",
              "(error)"
            );
            wrappedError.nestedError = err;
            exitCallback(wrappedError);
          }
        });
        this.runningCommand = proc;
      }
      /**
       * @private
       */
      _dispatchSubcommand(commandName, operands, unknown) {
        const subCommand = this._findCommand(commandName);
        if (!subCommand) this.help({ error: true });
        subCommand._prepareForParse();
        let promiseChain;
        promiseChain = this._chainOrCallSubCommandHook(
          promiseChain,
          subCommand,
          "preSubcommand"
        );
        promiseChain = this._chainOrCall(promiseChain, () => {
          if (subCommand._executableHandler) {
            this._executeSubCommand(subCommand, operands.concat(unknown));
          } else {
            return subCommand._parseCommand(operands, unknown);
          }
        });
        return promiseChain;
      }
      /**
       * Invoke help directly if possible, or dispatch if necessary.
       * e.g. help foo
       *
       * @private
       */
      _dispatchHelpCommand(subcommandName) {
        if (!subcommandName) {
          this.help();
        }
        const subCommand = this._findCommand(subcommandName);
        if (subCommand && !subCommand._executableHandler) {
          subCommand.help();
        }
        return this._dispatchSubcommand(
          subcommandName,
          [],
          [this._getHelpOption()?.long ?? this._getHelpOption()?.short ?? "--help"]
        );
      }
      /**
       * Check this.args against expected this.registeredArguments.
       *
       * @private
       */
      _checkNumberOfArguments() {
        this.registeredArguments.forEach((arg, i) => {
          if (arg.required && this.args[i] == null) {
            this.missingArgument(arg.name());
          }
        });
        if (this.registeredArguments.length > 0 && this.registeredArguments[this.registeredArguments.length - 1].variadic) {
          return;
        }
        if (this.args.length > this.registeredArguments.length) {
          this._excessArguments(this.args);
        }
      }
      /**
       * Process this.args using this.registeredArguments and save as this.processedArgs!
       *
       * @private
       */
      _processArguments() {
        const myParseArg = (argument, value, previous) => {
          let parsedValue = value;
          if (value !== null && argument.parseArg) {
            const invalidValueMessage = `error: command-argument value '${value}' is invalid for argument '${argument.name()}'.`;
            parsedValue = this._callParseArg(
              argument,
              value,
              previous,
              invalidValueMessage
            );
          }
          return parsedValue;
        };
        this._checkNumberOfArguments();
        const processedArgs = [];
        this.registeredArguments.forEach((declaredArg, index) => {
          let value = declaredArg.defaultValue;
          if (declaredArg.variadic) {
            if (index < this.args.length) {
              value = this.args.slice(index);
              if (declaredArg.parseArg) {
                value = value.reduce((processed, v) => {
                  return myParseArg(declaredArg, v, processed);
                }, declaredArg.defaultValue);
              }
            } else if (value === void 0) {
              value = [];
            }
          } else if (index < this.args.length) {
            value = this.args[index];
            if (declaredArg.parseArg) {
              value = myParseArg(declaredArg, value, declaredArg.defaultValue);
            }
          }
          processedArgs[index] = value;
        });
        this.processedArgs = processedArgs;
      }
      /**
       * Once we have a promise we chain, but call synchronously until then.
       *
       * @param {(Promise|undefined)} promise
       * @param {Function} fn
       * @return {(Promise|undefined)}
       * @private
       */
      _chainOrCall(promise, fn) {
        if (promise?.then && typeof promise.then === "function") {
          return promise.then(() => fn());
        }
        return fn();
      }
      /**
       *
       * @param {(Promise|undefined)} promise
       * @param {string} event
       * @return {(Promise|undefined)}
       * @private
       */
      _chainOrCallHooks(promise, event) {
        let result = promise;
        const hooks = [];
        this._getCommandAndAncestors().reverse().filter((cmd) => cmd._lifeCycleHooks[event] !== void 0).forEach((hookedCommand) => {
          hookedCommand._lifeCycleHooks[event].forEach((callback) => {
            hooks.push({ hookedCommand, callback });
          });
        });
        if (event === "postAction") {
          hooks.reverse();
        }
        hooks.forEach((hookDetail) => {
          result = this._chainOrCall(result, () => {
            return hookDetail.callback(hookDetail.hookedCommand, this);
          });
        });
        return result;
      }
      /**
       *
       * @param {(Promise|undefined)} promise
       * @param {Command} subCommand
       * @param {string} event
       * @return {(Promise|undefined)}
       * @private
       */
      _chainOrCallSubCommandHook(promise, subCommand, event) {
        let result = promise;
        if (this._lifeCycleHooks[event] !== void 0) {
          this._lifeCycleHooks[event].forEach((hook) => {
            result = this._chainOrCall(result, () => {
              return hook(this, subCommand);
            });
          });
        }
        return result;
      }
      /**
       * Process arguments in context of this command.
       * Returns action result, in case it is a promise.
       *
       * @private
       */
      _parseCommand(operands, unknown) {
        const parsed = this.parseOptions(unknown);
        this._parseOptionsEnv();
        this._parseOptionsImplied();
        operands = operands.concat(parsed.operands);
        unknown = parsed.unknown;
        this.args = operands.concat(unknown);
        if (operands && this._findCommand(operands[0])) {
          return this._dispatchSubcommand(operands[0], operands.slice(1), unknown);
        }
        if (this._getHelpCommand() && operands[0] === this._getHelpCommand().name()) {
          return this._dispatchHelpCommand(operands[1]);
        }
        if (this._defaultCommandName) {
          this._outputHelpIfRequested(unknown);
          return this._dispatchSubcommand(
            this._defaultCommandName,
            operands,
            unknown
          );
        }
        if (this.commands.length && this.args.length === 0 && !this._actionHandler && !this._defaultCommandName) {
          this.help({ error: true });
        }
        this._outputHelpIfRequested(parsed.unknown);
        this._checkForMissingMandatoryOptions();
        this._checkForConflictingOptions();
        const checkForUnknownOptions = () => {
          if (parsed.unknown.length > 0) {
            this.unknownOption(parsed.unknown[0]);
          }
        };
        const commandEvent = `command:${this.name()}`;
        if (this._actionHandler) {
          checkForUnknownOptions();
          this._processArguments();
          let promiseChain;
          promiseChain = this._chainOrCallHooks(promiseChain, "preAction");
          promiseChain = this._chainOrCall(
            promiseChain,
            () => this._actionHandler(this.processedArgs)
          );
          if (this.parent) {
            promiseChain = this._chainOrCall(promiseChain, () => {
              this.parent.emit(commandEvent, operands, unknown);
            });
          }
          promiseChain = this._chainOrCallHooks(promiseChain, "postAction");
          return promiseChain;
        }
        if (this.parent?.listenerCount(commandEvent)) {
          checkForUnknownOptions();
          this._processArguments();
          this.parent.emit(commandEvent, operands, unknown);
        } else if (operands.length) {
          if (this._findCommand("*")) {
            return this._dispatchSubcommand("*", operands, unknown);
          }
          if (this.listenerCount("command:*")) {
            this.emit("command:*", operands, unknown);
          } else if (this.commands.length) {
            this.unknownCommand();
          } else {
            checkForUnknownOptions();
            this._processArguments();
          }
        } else if (this.commands.length) {
          checkForUnknownOptions();
          this.help({ error: true });
        } else {
          checkForUnknownOptions();
          this._processArguments();
        }
      }
      /**
       * Find matching command.
       *
       * @private
       * @return {Command | undefined}
       */
      _findCommand(name) {
        if (!name) return void 0;
        return this.commands.find(
          (cmd) => cmd._name === name || cmd._aliases.includes(name)
        );
      }
      /**
       * Return an option matching `arg` if any.
       *
       * @param {string} arg
       * @return {Option}
       * @package
       */
      _findOption(arg) {
        return this.options.find((option) => option.is(arg));
      }
      /**
       * Display an error message if a mandatory option does not have a value.
       * Called after checking for help flags in leaf subcommand.
       *
       * @private
       */
      _checkForMissingMandatoryOptions() {
        this._getCommandAndAncestors().forEach((cmd) => {
          cmd.options.forEach((anOption) => {
            if (anOption.mandatory && cmd.getOptionValue(anOption.attributeName()) === void 0) {
              cmd.missingMandatoryOptionValue(anOption);
            }
          });
        });
      }
      /**
       * Display an error message if conflicting options are used together in this.
       *
       * @private
       */
      _checkForConflictingLocalOptions() {
        const definedNonDefaultOptions = this.options.filter((option) => {
          const optionKey = option.attributeName();
          if (this.getOptionValue(optionKey) === void 0) {
            return false;
          }
          return this.getOptionValueSource(optionKey) !== "default";
        });
        const optionsWithConflicting = definedNonDefaultOptions.filter(
          (option) => option.conflictsWith.length > 0
        );
        optionsWithConflicting.forEach((option) => {
          const conflictingAndDefined = definedNonDefaultOptions.find(
            (defined) => option.conflictsWith.includes(defined.attributeName())
          );
          if (conflictingAndDefined) {
            this._conflictingOption(option, conflictingAndDefined);
          }
        });
      }
      /**
       * Display an error message if conflicting options are used together.
       * Called after checking for help flags in leaf subcommand.
       *
       * @private
       */
      _checkForConflictingOptions() {
        this._getCommandAndAncestors().forEach((cmd) => {
          cmd._checkForConflictingLocalOptions();
        });
      }
      /**
       * Parse options from `argv` removing known options,
       * and return argv split into operands and unknown arguments.
       *
       * Side effects: modifies command by storing options. Does not reset state if called again.
       *
       * Examples:
       *
       *     argv => operands, unknown
       *     --known kkk op => [op], []
       *     op --known kkk => [op], []
       *     sub --unknown uuu op => [sub], [--unknown uuu op]
       *     sub -- --unknown uuu op => [sub --unknown uuu op], []
       *
       * @param {string[]} args
       * @return {{operands: string[], unknown: string[]}}
       */
      parseOptions(args) {
        const operands = [];
        const unknown = [];
        let dest = operands;
        function maybeOption(arg) {
          return arg.length > 1 && arg[0] === "-";
        }
        const negativeNumberArg = (arg) => {
          if (!/^-(\d+|\d*\.\d+)(e[+-]?\d+)?$/.test(arg)) return false;
          return !this._getCommandAndAncestors().some(
            (cmd) => cmd.options.map((opt) => opt.short).some((short) => /^-\d$/.test(short))
          );
        };
        let activeVariadicOption = null;
        let activeGroup = null;
        let i = 0;
        while (i < args.length || activeGroup) {
          const arg = activeGroup ?? args[i++];
          activeGroup = null;
          if (arg === "--") {
            if (dest === unknown) dest.push(arg);
            dest.push(...args.slice(i));
            break;
          }
          if (activeVariadicOption && (!maybeOption(arg) || negativeNumberArg(arg))) {
            this.emit(`option:${activeVariadicOption.name()}`, arg);
            continue;
          }
          activeVariadicOption = null;
          if (maybeOption(arg)) {
            const option = this._findOption(arg);
            if (option) {
              if (option.required) {
                const value = args[i++];
                if (value === void 0) this.optionMissingArgument(option);
                this.emit(`option:${option.name()}`, value);
              } else if (option.optional) {
                let value = null;
                if (i < args.length && (!maybeOption(args[i]) || negativeNumberArg(args[i]))) {
                  value = args[i++];
                }
                this.emit(`option:${option.name()}`, value);
              } else {
                this.emit(`option:${option.name()}`);
              }
              activeVariadicOption = option.variadic ? option : null;
              continue;
            }
          }
          if (arg.length > 2 && arg[0] === "-" && arg[1] !== "-") {
            const option = this._findOption(`-${arg[1]}`);
            if (option) {
              if (option.required || option.optional && this._combineFlagAndOptionalValue) {
                this.emit(`option:${option.name()}`, arg.slice(2));
              } else {
                this.emit(`option:${option.name()}`);
                activeGroup = `-${arg.slice(2)}`;
              }
              continue;
            }
          }
          if (/^--[^=]+=/.test(arg)) {
            const index = arg.indexOf("=");
            const option = this._findOption(arg.slice(0, index));
            if (option && (option.required || option.optional)) {
              this.emit(`option:${option.name()}`, arg.slice(index + 1));
              continue;
            }
          }
          if (dest === operands && maybeOption(arg) && !(this.commands.length === 0 && negativeNumberArg(arg))) {
            dest = unknown;
          }
          if ((this._enablePositionalOptions || this._passThroughOptions) && operands.length === 0 && unknown.length === 0) {
            if (this._findCommand(arg)) {
              operands.push(arg);
              unknown.push(...args.slice(i));
              break;
            } else if (this._getHelpCommand() && arg === this._getHelpCommand().name()) {
              operands.push(arg, ...args.slice(i));
              break;
            } else if (this._defaultCommandName) {
              unknown.push(arg, ...args.slice(i));
              break;
            }
          }
          if (this._passThroughOptions) {
            dest.push(arg, ...args.slice(i));
            break;
          }
          dest.push(arg);
        }
        return { operands, unknown };
      }
      /**
       * Return an object containing local option values as key-value pairs.
       *
       * @return {object}
       */
      opts() {
        if (this._storeOptionsAsProperties) {
          const result = {};
          const len = this.options.length;
          for (let i = 0; i < len; i++) {
            const key = this.options[i].attributeName();
            result[key] = key === this._versionOptionName ? this._version : this[key];
          }
          return result;
        }
        return this._optionValues;
      }
      /**
       * Return an object containing merged local and global option values as key-value pairs.
       *
       * @return {object}
       */
      optsWithGlobals() {
        return this._getCommandAndAncestors().reduce(
          (combinedOptions, cmd) => Object.assign(combinedOptions, cmd.opts()),
          {}
        );
      }
      /**
       * Display error message and exit (or call exitOverride).
       *
       * @param {string} message
       * @param {object} [errorOptions]
       * @param {string} [errorOptions.code] - an id string representing the error
       * @param {number} [errorOptions.exitCode] - used with process.exit
       */
      error(message, errorOptions) {
        this._outputConfiguration.outputError(
          `${message}
`,
          this._outputConfiguration.writeErr
        );
        if (typeof this._showHelpAfterError === "string") {
          this._outputConfiguration.writeErr(`${this._showHelpAfterError}
`);
        } else if (this._showHelpAfterError) {
          this._outputConfiguration.writeErr("\n");
          this.outputHelp({ error: true });
        }
        const config = errorOptions || {};
        const exitCode = config.exitCode || 1;
        const code = config.code || "commander.error";
        this._exit(exitCode, code, message);
      }
      /**
       * Apply any option related environment variables, if option does
       * not have a value from cli or client code.
       *
       * @private
       */
      _parseOptionsEnv() {
        this.options.forEach((option) => {
          if (option.envVar && option.envVar in process2.env) {
            const optionKey = option.attributeName();
            if (this.getOptionValue(optionKey) === void 0 || ["default", "config", "env"].includes(
              this.getOptionValueSource(optionKey)
            )) {
              if (option.required || option.optional) {
                this.emit(`optionEnv:${option.name()}`, process2.env[option.envVar]);
              } else {
                this.emit(`optionEnv:${option.name()}`);
              }
            }
          }
        });
      }
      /**
       * Apply any implied option values, if option is undefined or default value.
       *
       * @private
       */
      _parseOptionsImplied() {
        const dualHelper = new DualOptions(this.options);
        const hasCustomOptionValue = (optionKey) => {
          return this.getOptionValue(optionKey) !== void 0 && !["default", "implied"].includes(this.getOptionValueSource(optionKey));
        };
        this.options.filter(
          (option) => option.implied !== void 0 && hasCustomOptionValue(option.attributeName()) && dualHelper.valueFromOption(
            this.getOptionValue(option.attributeName()),
            option
          )
        ).forEach((option) => {
          Object.keys(option.implied).filter((impliedKey) => !hasCustomOptionValue(impliedKey)).forEach((impliedKey) => {
            this.setOptionValueWithSource(
              impliedKey,
              option.implied[impliedKey],
              "implied"
            );
          });
        });
      }
      /**
       * Argument `name` is missing.
       *
       * @param {string} name
       * @private
       */
      missingArgument(name) {
        const message = `error: missing required argument '${name}'`;
        this.error(message, { code: "commander.missingArgument" });
      }
      /**
       * `Option` is missing an argument.
       *
       * @param {Option} option
       * @private
       */
      optionMissingArgument(option) {
        const message = `error: option '${option.flags}' argument missing`;
        this.error(message, { code: "commander.optionMissingArgument" });
      }
      /**
       * `Option` does not have a value, and is a mandatory option.
       *
       * @param {Option} option
       * @private
       */
      missingMandatoryOptionValue(option) {
        const message = `error: required option '${option.flags}' not specified`;
        this.error(message, { code: "commander.missingMandatoryOptionValue" });
      }
      /**
       * `Option` conflicts with another option.
       *
       * @param {Option} option
       * @param {Option} conflictingOption
       * @private
       */
      _conflictingOption(option, conflictingOption) {
        const findBestOptionFromValue = (option2) => {
          const optionKey = option2.attributeName();
          const optionValue = this.getOptionValue(optionKey);
          const negativeOption = this.options.find(
            (target) => target.negate && optionKey === target.attributeName()
          );
          const positiveOption = this.options.find(
            (target) => !target.negate && optionKey === target.attributeName()
          );
          if (negativeOption && (negativeOption.presetArg === void 0 && optionValue === false || negativeOption.presetArg !== void 0 && optionValue === negativeOption.presetArg)) {
            return negativeOption;
          }
          return positiveOption || option2;
        };
        const getErrorMessage = (option2) => {
          const bestOption = findBestOptionFromValue(option2);
          const optionKey = bestOption.attributeName();
          const source = this.getOptionValueSource(optionKey);
          if (source === "env") {
            return `environment variable '${bestOption.envVar}'`;
          }
          return `option '${bestOption.flags}'`;
        };
        const message = `error: ${getErrorMessage(option)} cannot be used with ${getErrorMessage(conflictingOption)}`;
        this.error(message, { code: "commander.conflictingOption" });
      }
      /**
       * Unknown option `flag`.
       *
       * @param {string} flag
       * @private
       */
      unknownOption(flag) {
        if (this._allowUnknownOption) return;
        let suggestion = "";
        if (flag.startsWith("--") && this._showSuggestionAfterError) {
          let candidateFlags = [];
          let command = this;
          do {
            const moreFlags = command.createHelp().visibleOptions(command).filter((option) => option.long).map((option) => option.long);
            candidateFlags = candidateFlags.concat(moreFlags);
            command = command.parent;
          } while (command && !command._enablePositionalOptions);
          suggestion = suggestSimilar(flag, candidateFlags);
        }
        const message = `error: unknown option '${flag}'${suggestion}`;
        this.error(message, { code: "commander.unknownOption" });
      }
      /**
       * Excess arguments, more than expected.
       *
       * @param {string[]} receivedArgs
       * @private
       */
      _excessArguments(receivedArgs) {
        if (this._allowExcessArguments) return;
        const expected = this.registeredArguments.length;
        const s = expected === 1 ? "" : "s";
        const forSubcommand = this.parent ? ` for '${this.name()}'` : "";
        const message = `error: too many arguments${forSubcommand}. Expected ${expected} argument${s} but got ${receivedArgs.length}.`;
        this.error(message, { code: "commander.excessArguments" });
      }
      /**
       * Unknown command.
       *
       * @private
       */
      unknownCommand() {
        const unknownName = this.args[0];
        let suggestion = "";
        if (this._showSuggestionAfterError) {
          const candidateNames = [];
          this.createHelp().visibleCommands(this).forEach((command) => {
            candidateNames.push(command.name());
            if (command.alias()) candidateNames.push(command.alias());
          });
          suggestion = suggestSimilar(unknownName, candidateNames);
        }
        const message = `error: unknown command '${unknownName}'${suggestion}`;
        this.error(message, { code: "commander.unknownCommand" });
      }
      /**
       * Get or set the program version.
       *
       * This method auto-registers the "-V, --version" option which will print the version number.
       *
       * You can optionally supply the flags and description to override the defaults.
       *
       * @param {string} [str]
       * @param {string} [flags]
       * @param {string} [description]
       * @return {(this | string | undefined)} `this` command for chaining, or version string if no arguments
       */
      version(str, flags, description) {
        if (str === void 0) return this._version;
        this._version = str;
        flags = flags || "-V, --version";
        description = description || "output the version number";
        const versionOption = this.createOption(flags, description);
        this._versionOptionName = versionOption.attributeName();
        this._registerOption(versionOption);
        this.on("option:" + versionOption.name(), () => {
          this._outputConfiguration.writeOut(`${str}
`);
          this._exit(0, "commander.version", str);
        });
        return this;
      }
      /**
       * Set the description.
       *
       * @param {string} [str]
       * @param {object} [argsDescription]
       * @return {(string|Command)}
       */
      description(str, argsDescription) {
        if (str === void 0 && argsDescription === void 0)
          return this._description;
        this._description = str;
        if (argsDescription) {
          this._argsDescription = argsDescription;
        }
        return this;
      }
      /**
       * Set the summary. Used when listed as subcommand of parent.
       *
       * @param {string} [str]
       * @return {(string|Command)}
       */
      summary(str) {
        if (str === void 0) return this._summary;
        this._summary = str;
        return this;
      }
      /**
       * Set an alias for the command.
       *
       * You may call more than once to add multiple aliases. Only the first alias is shown in the auto-generated help.
       *
       * @param {string} [alias]
       * @return {(string|Command)}
       */
      alias(alias) {
        if (alias === void 0) return this._aliases[0];
        let command = this;
        if (this.commands.length !== 0 && this.commands[this.commands.length - 1]._executableHandler) {
          command = this.commands[this.commands.length - 1];
        }
        if (alias === command._name)
          throw new Error("Command alias can't be the same as its name");
        const matchingCommand = this.parent?._findCommand(alias);
        if (matchingCommand) {
          const existingCmd = [matchingCommand.name()].concat(matchingCommand.aliases()).join("|");
          throw new Error(
            `cannot add alias '${alias}' to command '${this.name()}' as already have command '${existingCmd}'`
          );
        }
        command._aliases.push(alias);
        return this;
      }
      /**
       * Set aliases for the command.
       *
       * Only the first alias is shown in the auto-generated help.
       *
       * @param {string[]} [aliases]
       * @return {(string[]|Command)}
       */
      aliases(aliases) {
        if (aliases === void 0) return this._aliases;
        aliases.forEach((alias) => this.alias(alias));
        return this;
      }
      /**
       * Set / get the command usage `str`.
       *
       * @param {string} [str]
       * @return {(string|Command)}
       */
      usage(str) {
        if (str === void 0) {
          if (this._usage) return this._usage;
          const args = this.registeredArguments.map((arg) => {
            return humanReadableArgName(arg);
          });
          return [].concat(
            this.options.length || this._helpOption !== null ? "[options]" : [],
            this.commands.length ? "[command]" : [],
            this.registeredArguments.length ? args : []
          ).join(" ");
        }
        this._usage = str;
        return this;
      }
      /**
       * Get or set the name of the command.
       *
       * @param {string} [str]
       * @return {(string|Command)}
       */
      name(str) {
        if (str === void 0) return this._name;
        this._name = str;
        return this;
      }
      /**
       * Set/get the help group heading for this subcommand in parent command's help.
       *
       * @param {string} [heading]
       * @return {Command | string}
       */
      helpGroup(heading) {
        if (heading === void 0) return this._helpGroupHeading ?? "";
        this._helpGroupHeading = heading;
        return this;
      }
      /**
       * Set/get the default help group heading for subcommands added to this command.
       * (This does not override a group set directly on the subcommand using .helpGroup().)
       *
       * @example
       * program.commandsGroup('Development Commands:);
       * program.command('watch')...
       * program.command('lint')...
       * ...
       *
       * @param {string} [heading]
       * @returns {Command | string}
       */
      commandsGroup(heading) {
        if (heading === void 0) return this._defaultCommandGroup ?? "";
        this._defaultCommandGroup = heading;
        return this;
      }
      /**
       * Set/get the default help group heading for options added to this command.
       * (This does not override a group set directly on the option using .helpGroup().)
       *
       * @example
       * program
       *   .optionsGroup('Development Options:')
       *   .option('-d, --debug', 'output extra debugging')
       *   .option('-p, --profile', 'output profiling information')
       *
       * @param {string} [heading]
       * @returns {Command | string}
       */
      optionsGroup(heading) {
        if (heading === void 0) return this._defaultOptionGroup ?? "";
        this._defaultOptionGroup = heading;
        return this;
      }
      /**
       * @param {Option} option
       * @private
       */
      _initOptionGroup(option) {
        if (this._defaultOptionGroup && !option.helpGroupHeading)
          option.helpGroup(this._defaultOptionGroup);
      }
      /**
       * @param {Command} cmd
       * @private
       */
      _initCommandGroup(cmd) {
        if (this._defaultCommandGroup && !cmd.helpGroup())
          cmd.helpGroup(this._defaultCommandGroup);
      }
      /**
       * Set the name of the command from script filename, such as process.argv[1],
       * or require.main.filename, or __filename.
       *
       * (Used internally and public although not documented in README.)
       *
       * @example
       * program.nameFromFilename(require.main.filename);
       *
       * @param {string} filename
       * @return {Command}
       */
      nameFromFilename(filename) {
        this._name = path20.basename(filename, path20.extname(filename));
        return this;
      }
      /**
       * Get or set the directory for searching for executable subcommands of this command.
       *
       * @example
       * program.executableDir(__dirname);
       * // or
       * program.executableDir('subcommands');
       *
       * @param {string} [path]
       * @return {(string|null|Command)}
       */
      executableDir(path21) {
        if (path21 === void 0) return this._executableDir;
        this._executableDir = path21;
        return this;
      }
      /**
       * Return program help documentation.
       *
       * @param {{ error: boolean }} [contextOptions] - pass {error:true} to wrap for stderr instead of stdout
       * @return {string}
       */
      helpInformation(contextOptions) {
        const helper = this.createHelp();
        const context = this._getOutputContext(contextOptions);
        helper.prepareContext({
          error: context.error,
          helpWidth: context.helpWidth,
          outputHasColors: context.hasColors
        });
        const text = helper.formatHelp(this, helper);
        if (context.hasColors) return text;
        return this._outputConfiguration.stripColor(text);
      }
      /**
       * @typedef HelpContext
       * @type {object}
       * @property {boolean} error
       * @property {number} helpWidth
       * @property {boolean} hasColors
       * @property {function} write - includes stripColor if needed
       *
       * @returns {HelpContext}
       * @private
       */
      _getOutputContext(contextOptions) {
        contextOptions = contextOptions || {};
        const error = !!contextOptions.error;
        let baseWrite;
        let hasColors;
        let helpWidth;
        if (error) {
          baseWrite = (str) => this._outputConfiguration.writeErr(str);
          hasColors = this._outputConfiguration.getErrHasColors();
          helpWidth = this._outputConfiguration.getErrHelpWidth();
        } else {
          baseWrite = (str) => this._outputConfiguration.writeOut(str);
          hasColors = this._outputConfiguration.getOutHasColors();
          helpWidth = this._outputConfiguration.getOutHelpWidth();
        }
        const write = (str) => {
          if (!hasColors) str = this._outputConfiguration.stripColor(str);
          return baseWrite(str);
        };
        return { error, write, hasColors, helpWidth };
      }
      /**
       * Output help information for this command.
       *
       * Outputs built-in help, and custom text added using `.addHelpText()`.
       *
       * @param {{ error: boolean } | Function} [contextOptions] - pass {error:true} to write to stderr instead of stdout
       */
      outputHelp(contextOptions) {
        let deprecatedCallback;
        if (typeof contextOptions === "function") {
          deprecatedCallback = contextOptions;
          contextOptions = void 0;
        }
        const outputContext = this._getOutputContext(contextOptions);
        const eventContext = {
          error: outputContext.error,
          write: outputContext.write,
          command: this
        };
        this._getCommandAndAncestors().reverse().forEach((command) => command.emit("beforeAllHelp", eventContext));
        this.emit("beforeHelp", eventContext);
        let helpInformation = this.helpInformation({ error: outputContext.error });
        if (deprecatedCallback) {
          helpInformation = deprecatedCallback(helpInformation);
          if (typeof helpInformation !== "string" && !Buffer.isBuffer(helpInformation)) {
            throw new Error("outputHelp callback must return a string or a Buffer");
          }
        }
        outputContext.write(helpInformation);
        if (this._getHelpOption()?.long) {
          this.emit(this._getHelpOption().long);
        }
        this.emit("afterHelp", eventContext);
        this._getCommandAndAncestors().forEach(
          (command) => command.emit("afterAllHelp", eventContext)
        );
      }
      /**
       * You can pass in flags and a description to customise the built-in help option.
       * Pass in false to disable the built-in help option.
       *
       * @example
       * program.helpOption('-?, --help' 'show help'); // customise
       * program.helpOption(false); // disable
       *
       * @param {(string | boolean)} flags
       * @param {string} [description]
       * @return {Command} `this` command for chaining
       */
      helpOption(flags, description) {
        if (typeof flags === "boolean") {
          if (flags) {
            if (this._helpOption === null) this._helpOption = void 0;
            if (this._defaultOptionGroup) {
              this._initOptionGroup(this._getHelpOption());
            }
          } else {
            this._helpOption = null;
          }
          return this;
        }
        this._helpOption = this.createOption(
          flags ?? "-h, --help",
          description ?? "display help for command"
        );
        if (flags || description) this._initOptionGroup(this._helpOption);
        return this;
      }
      /**
       * Lazy create help option.
       * Returns null if has been disabled with .helpOption(false).
       *
       * @returns {(Option | null)} the help option
       * @package
       */
      _getHelpOption() {
        if (this._helpOption === void 0) {
          this.helpOption(void 0, void 0);
        }
        return this._helpOption;
      }
      /**
       * Supply your own option to use for the built-in help option.
       * This is an alternative to using helpOption() to customise the flags and description etc.
       *
       * @param {Option} option
       * @return {Command} `this` command for chaining
       */
      addHelpOption(option) {
        this._helpOption = option;
        this._initOptionGroup(option);
        return this;
      }
      /**
       * Output help information and exit.
       *
       * Outputs built-in help, and custom text added using `.addHelpText()`.
       *
       * @param {{ error: boolean }} [contextOptions] - pass {error:true} to write to stderr instead of stdout
       */
      help(contextOptions) {
        this.outputHelp(contextOptions);
        let exitCode = Number(process2.exitCode ?? 0);
        if (exitCode === 0 && contextOptions && typeof contextOptions !== "function" && contextOptions.error) {
          exitCode = 1;
        }
        this._exit(exitCode, "commander.help", "(outputHelp)");
      }
      /**
       * // Do a little typing to coordinate emit and listener for the help text events.
       * @typedef HelpTextEventContext
       * @type {object}
       * @property {boolean} error
       * @property {Command} command
       * @property {function} write
       */
      /**
       * Add additional text to be displayed with the built-in help.
       *
       * Position is 'before' or 'after' to affect just this command,
       * and 'beforeAll' or 'afterAll' to affect this command and all its subcommands.
       *
       * @param {string} position - before or after built-in help
       * @param {(string | Function)} text - string to add, or a function returning a string
       * @return {Command} `this` command for chaining
       */
      addHelpText(position, text) {
        const allowedValues = ["beforeAll", "before", "after", "afterAll"];
        if (!allowedValues.includes(position)) {
          throw new Error(`Unexpected value for position to addHelpText.
Expecting one of '${allowedValues.join("', '")}'`);
        }
        const helpEvent = `${position}Help`;
        this.on(helpEvent, (context) => {
          let helpStr;
          if (typeof text === "function") {
            helpStr = text({ error: context.error, command: context.command });
          } else {
            helpStr = text;
          }
          if (helpStr) {
            context.write(`${helpStr}
`);
          }
        });
        return this;
      }
      /**
       * Output help information if help flags specified
       *
       * @param {Array} args - array of options to search for help flags
       * @private
       */
      _outputHelpIfRequested(args) {
        const helpOption = this._getHelpOption();
        const helpRequested = helpOption && args.find((arg) => helpOption.is(arg));
        if (helpRequested) {
          this.outputHelp();
          this._exit(0, "commander.helpDisplayed", "(outputHelp)");
        }
      }
    };
    function incrementNodeInspectorPort(args) {
      return args.map((arg) => {
        if (!arg.startsWith("--inspect")) {
          return arg;
        }
        let debugOption;
        let debugHost = "127.0.0.1";
        let debugPort = "9229";
        let match;
        if ((match = arg.match(/^(--inspect(-brk)?)$/)) !== null) {
          debugOption = match[1];
        } else if ((match = arg.match(/^(--inspect(-brk|-port)?)=([^:]+)$/)) !== null) {
          debugOption = match[1];
          if (/^\d+$/.test(match[3])) {
            debugPort = match[3];
          } else {
            debugHost = match[3];
          }
        } else if ((match = arg.match(/^(--inspect(-brk|-port)?)=([^:]+):(\d+)$/)) !== null) {
          debugOption = match[1];
          debugHost = match[3];
          debugPort = match[4];
        }
        if (debugOption && debugPort !== "0") {
          return `${debugOption}=${debugHost}:${parseInt(debugPort) + 1}`;
        }
        return arg;
      });
    }
    function useColor() {
      if (process2.env.NO_COLOR || process2.env.FORCE_COLOR === "0" || process2.env.FORCE_COLOR === "false")
        return false;
      if (process2.env.FORCE_COLOR || process2.env.CLICOLOR_FORCE !== void 0)
        return true;
      return void 0;
    }
    exports2.Command = Command2;
    exports2.useColor = useColor;
  }
});

// node_modules/commander/index.js
var require_commander = __commonJS({
  "node_modules/commander/index.js"(exports2) {
    var { Argument: Argument2 } = require_argument();
    var { Command: Command2 } = require_command();
    var { CommanderError: CommanderError2, InvalidArgumentError: InvalidArgumentError2 } = require_error();
    var { Help: Help2 } = require_help();
    var { Option: Option2 } = require_option();
    exports2.program = new Command2();
    exports2.createCommand = (name) => new Command2(name);
    exports2.createOption = (flags, description) => new Option2(flags, description);
    exports2.createArgument = (name, description) => new Argument2(name, description);
    exports2.Command = Command2;
    exports2.Option = Option2;
    exports2.Argument = Argument2;
    exports2.Help = Help2;
    exports2.CommanderError = CommanderError2;
    exports2.InvalidArgumentError = InvalidArgumentError2;
    exports2.InvalidOptionArgumentError = InvalidArgumentError2;
  }
});

// src/definitions/types.ts
function kindOfPath(relPath, definitionsDir = "definitions") {
  const p = relPath.includes("\\") ? relPath.replace(/\\/g, "/") : relPath;
  if (!/\.ya?ml$/i.test(p)) return null;
  for (const [kind, prefix] of kindPrefixes(definitionsDir)) {
    if (p.startsWith(prefix)) return kind;
  }
  return null;
}
function kindPrefixes(definitionsDir) {
  let prefixes = prefixesByDir.get(definitionsDir);
  if (!prefixes) {
    prefixes = DEFINITION_KINDS.map((kind) => [kind, `${definitionsDir}/${KIND_FOLDERS[kind]}/`]);
    prefixesByDir.set(definitionsDir, prefixes);
  }
  return prefixes;
}
var DEFINITION_KINDS, KIND_FOLDERS, DEFINITION_ID_BODY, DEFINITION_ID_PATTERN, DEFINITION_ID, AUDITABLE_TYPES, KIND_OF_TYPE, TYPE_OF_KIND, prefixesByDir;
var init_types = __esm({
  "src/definitions/types.ts"() {
    "use strict";
    DEFINITION_KINDS = ["action", "runbook", "role"];
    KIND_FOLDERS = {
      action: "actions",
      runbook: "runbooks",
      role: "roles"
    };
    DEFINITION_ID_BODY = "[a-z0-9][a-z0-9-]{0,62}";
    DEFINITION_ID_PATTERN = `^${DEFINITION_ID_BODY}$`;
    DEFINITION_ID = new RegExp(DEFINITION_ID_PATTERN);
    AUDITABLE_TYPES = ["Action", "Runbook", "Runbook::Step", "Role"];
    KIND_OF_TYPE = {
      Action: "action",
      Runbook: "runbook",
      "Runbook::Step": "runbook",
      Role: "role"
    };
    TYPE_OF_KIND = {
      action: "Action",
      runbook: "Runbook",
      role: "Role"
    };
    prefixesByDir = /* @__PURE__ */ new Map();
  }
});

// src/history/definition-pack.ts
function recordChecksum(bytes) {
  return (0, import_node_crypto.createHash)("sha256").update(bytes).digest("hex").slice(0, 16);
}
function tableFile(genDir, seq) {
  return import_node_path.default.join(genDir, `defs-${seq}.json`);
}
function parseTable(text) {
  const table = JSON.parse(text);
  if (typeof table?.pack !== "string" || typeof table.size !== "number" || typeof table.files !== "object" || table.files === null) {
    throw new Error("not a table of definition records");
  }
  return table;
}
function readTable(genDir, seq) {
  try {
    return parseTable((0, import_node_fs.readFileSync)(tableFile(genDir, seq), "utf8"));
  } catch {
    return null;
  }
}
function idsIn(table, kind) {
  return Object.keys(table.files[kind] ?? {}).sort();
}
function readRecord(genDir, table, kind, id) {
  const at = table.files[kind];
  const entry = at && Object.hasOwn(at, id) ? at[id] : void 0;
  if (!entry) return null;
  const [offset, length] = entry;
  const fd = (0, import_node_fs.openSync)(import_node_path.default.join(genDir, table.pack), "r");
  try {
    const buf = Buffer.allocUnsafe(length);
    const got = (0, import_node_fs.readSync)(fd, buf, 0, length, offset);
    if (got !== length) throw new Error(`record ${kind}/${id} is cut short in ${table.pack}`);
    if (recordChecksum(buf) !== entry[2]) {
      throw new Error(`record ${kind}/${id} in ${table.pack} does not match its checksum`);
    }
    return buf.toString("utf8");
  } finally {
    (0, import_node_fs.closeSync)(fd);
  }
}
function writePack(genDir, previous, records, writeNew) {
  const files = {};
  let live = 0;
  if (previous) {
    for (const [kind, byId] of Object.entries(previous.files)) {
      files[kind] = { ...byId };
      for (const [, length] of Object.values(byId)) live += length + 1;
    }
  }
  const replaced = records.reduce((n, r) => n + (files[r.kind]?.[r.id]?.[1] ?? -1) + 1, 0);
  const added = records.reduce((n, r) => n + Buffer.byteLength(r.text) + 1, 0);
  const compact = previous !== null && previous.size + added > 2 * (live - replaced + added) + (1 << 20);
  if (!previous || compact) {
    const n = previous ? packNumber(previous.pack) + 1 : 1;
    const pack = `defs-${n}.pack`;
    const fresh = new Map(records.map((r) => [`${r.kind}:${r.id}`, r.text]));
    const all = [];
    if (previous) {
      for (const [kind, byId] of Object.entries(files)) {
        for (const id of Object.keys(byId)) {
          if (!fresh.has(`${kind}:${id}`))
            all.push({ kind, id, text: readRecord(genDir, previous, kind, id) });
        }
      }
    }
    all.push(...records);
    const table2 = { pack, size: 0, files: {} };
    writeNew(import_node_path.default.join(genDir, pack), place(table2, all));
    return table2;
  }
  const file = import_node_path.default.join(genDir, previous.pack);
  (0, import_node_fs.truncateSync)(file, previous.size);
  const table = { pack: previous.pack, size: previous.size, files };
  const fd = (0, import_node_fs.openSync)(file, "a");
  try {
    (0, import_node_fs.writeSync)(fd, place(table, records));
  } finally {
    (0, import_node_fs.closeSync)(fd);
  }
  return table;
}
function place(table, records) {
  const texts = [];
  for (const r of records) {
    const bytes = Buffer.from(r.text, "utf8");
    (table.files[r.kind] ??= {})[r.id] = [table.size, bytes.length, recordChecksum(bytes)];
    table.size += bytes.length + 1;
    texts.push(r.text, "\n");
  }
  return texts.join("");
}
function checkPack(genDir, table) {
  for (const [kind, byId] of Object.entries(table.files)) {
    for (const id of Object.keys(byId)) {
      try {
        readRecord(genDir, table, kind, id);
      } catch (err) {
        return err.message;
      }
    }
  }
  return null;
}
function removeStalePacks(genDir, table, seq) {
  const keep = /* @__PURE__ */ new Set([table.pack, import_node_path.default.basename(tableFile(genDir, seq))]);
  for (const name of (0, import_node_fs.readdirSync)(genDir)) {
    if (/^defs-\d+\.(pack|json)$/.test(name) && !keep.has(name))
      (0, import_node_fs.rmSync)(import_node_path.default.join(genDir, name), { force: true });
  }
}
function packNumber(name) {
  const n = Number(/^defs-(\d+)\.pack$/.exec(name)?.[1]);
  return Number.isInteger(n) ? n : 0;
}
var import_node_fs, import_node_crypto, import_node_path;
var init_definition_pack = __esm({
  "src/history/definition-pack.ts"() {
    "use strict";
    import_node_fs = require("node:fs");
    import_node_crypto = require("node:crypto");
    import_node_path = __toESM(require("node:path"), 1);
  }
});

// src/history/history-store.ts
function writeAtomic(file, content) {
  const tmp = `${file}.tmp-${process.pid}-${(0, import_node_crypto2.randomBytes)(4).toString("hex")}`;
  try {
    (0, import_node_fs2.writeFileSync)(tmp, content);
    (0, import_node_fs2.renameSync)(tmp, file);
  } catch (err) {
    (0, import_node_fs2.rmSync)(tmp, { force: true });
    throw err;
  }
}
function readJson(file, parse = JSON.parse) {
  try {
    return parse((0, import_node_fs2.readFileSync)(file, "utf8"));
  } catch {
    return null;
  }
}
function generationDir(historyDir, generation) {
  return import_node_path2.default.join(historyDir, `gen-${generation}`);
}
function readMeta(historyDir, onDamaged) {
  let text;
  try {
    text = (0, import_node_fs2.readFileSync)(import_node_path2.default.join(historyDir, "meta.json"), "utf8");
  } catch {
    return null;
  }
  const why = (reason) => {
    onDamaged?.(`history/meta.json ${reason}`);
    return null;
  };
  let stored;
  try {
    stored = JSON.parse(text);
  } catch {
    return why("is not JSON");
  }
  if (stored === null || typeof stored !== "object") return why("is not an index meta");
  if (stored.format !== INDEX_FORMAT) {
    return why(`is of format ${String(stored.format)}, this opsledger reads format ${INDEX_FORMAT}`);
  }
  const { checksum, ...meta } = stored;
  if (checksum !== sha256(JSON.stringify(meta))) return why("does not match its checksum");
  if (typeof meta.generation !== "number" || typeof meta.seq !== "number") return why("is not an index meta");
  return meta;
}
function writeMeta(historyDir, meta) {
  const genDir = generationDir(historyDir, meta.generation);
  const checksums = {};
  for (const name of namedFiles(meta)) {
    const bytes = countedBytes(genDir, name, meta);
    if (bytes) checksums[name] = sha256(bytes);
  }
  meta.checksums = checksums;
  const { checksums: _, ...rest } = meta;
  const body = { ...rest, checksums };
  writeAtomic(
    import_node_path2.default.join(historyDir, "meta.json"),
    JSON.stringify({ ...body, checksum: sha256(JSON.stringify(body)) })
  );
}
function namedFiles(meta) {
  return [import_node_path2.default.basename(tableFile("", meta.seq)), "invalid.json", meta.stateFile, "commits.txt"];
}
function countedBytes(genDir, name, meta) {
  try {
    const bytes = (0, import_node_fs2.readFileSync)(import_node_path2.default.join(genDir, name));
    return name === "commits.txt" ? bytes.subarray(0, meta.seq * COMMIT_LINE) : bytes;
  } catch {
    return null;
  }
}
function matchesChecksum(meta, name, content) {
  const want = meta.checksums?.[name];
  return want !== void 0 && sha256(content) === want;
}
function checkIndexFiles(historyDir, meta) {
  const genDir = generationDir(historyDir, meta.generation);
  for (const name of namedFiles(meta)) {
    const want = meta.checksums?.[name];
    if (want === void 0) continue;
    const bytes = countedBytes(genDir, name, meta);
    if (!bytes) return `history/gen-${meta.generation}/${name} is missing`;
    if (sha256(bytes) !== want) return `history/gen-${meta.generation}/${name} does not match its checksum`;
  }
  return null;
}
function readFoldState(historyDir, meta) {
  const file = import_node_path2.default.join(generationDir(historyDir, meta.generation), meta.stateFile);
  const state = readJson(file, (text) => {
    if (!matchesChecksum(meta, meta.stateFile, text)) throw new Error("checksum");
    return JSON.parse(text);
  });
  return state && state.seq === meta.seq ? state : null;
}
function commitsFile(genDir) {
  return import_node_path2.default.join(genDir, "commits.txt");
}
function formatCommitLines(commits) {
  return commits.map((c) => `${c.sha} ${c.committer.date.slice(0, 25).padEnd(25)}
`).join("");
}
function parseCommitLines(text, count) {
  if (text.length < count * COMMIT_LINE) return null;
  const out = [];
  for (let i = 0; i < count; i++) {
    const line = text.slice(i * COMMIT_LINE, (i + 1) * COMMIT_LINE - 1);
    out.push([line.slice(0, 40), line.slice(41).trimEnd()]);
  }
  return out;
}
function ensureDir(dir) {
  (0, import_node_fs2.mkdirSync)(dir, { recursive: true });
}
var import_node_crypto2, import_node_fs2, import_node_path2, INDEX_FORMAT, sha256, COMMIT_LINE;
var init_history_store = __esm({
  "src/history/history-store.ts"() {
    "use strict";
    import_node_crypto2 = require("node:crypto");
    import_node_fs2 = require("node:fs");
    import_node_path2 = __toESM(require("node:path"), 1);
    init_definition_pack();
    INDEX_FORMAT = 6;
    sha256 = (bytes) => (0, import_node_crypto2.createHash)("sha256").update(bytes).digest("hex");
    COMMIT_LINE = 40 + 1 + 25 + 1;
  }
});

// src/history/fold-types.ts
function definitionKey(kind, id) {
  return `${kind}:${id}`;
}
function createFoldState() {
  return { seq: 0, files: {}, objects: {}, steps: {}, scripts: {} };
}
function problemsOf(findings) {
  if (findings.length === 0) return NO_PROBLEMS;
  return findings.map((f) => ({ code: f.code, pointer: f.pointer ?? "", message: f.message }));
}
function stableId(...parts) {
  return (0, import_node_crypto3.hash)("sha256", parts.join(":")).slice(0, 32);
}
function scriptPathOf(value) {
  const script = value.script;
  if (script === null || typeof script !== "object" || !Object.isFrozen(script)) return scriptPathIn(script);
  let known = scriptPaths.get(script);
  if (known === void 0) {
    known = scriptPathIn(script);
    scriptPaths.set(script, known);
  }
  return known;
}
function scriptPathIn(value) {
  const script = value;
  if (!script || typeof script.file !== "string") return null;
  const normal = import_node_path3.default.posix.normalize(script.file.replace(/\\/g, "/")).replace(/^(\.\/)+|^\/+/, "");
  return normal.startsWith("../") || normal === "" ? null : normal;
}
var import_node_crypto3, import_node_path3, NO_PROBLEMS, scriptPaths;
var init_fold_types = __esm({
  "src/history/fold-types.ts"() {
    "use strict";
    import_node_crypto3 = require("node:crypto");
    import_node_path3 = __toESM(require("node:path"), 1);
    NO_PROBLEMS = [];
    scriptPaths = /* @__PURE__ */ new WeakMap();
  }
});

// src/history/definition-file-codec.ts
function encodeDefinitionFile(file) {
  const strings = [];
  const stringAt = /* @__PURE__ */ new Map();
  const str = (s) => {
    if (s === null) return -1;
    let at = stringAt.get(s);
    if (at === void 0) {
      at = strings.push(s) - 1;
      stringAt.set(s, at);
    }
    return at;
  };
  const people = [];
  const personAt = /* @__PURE__ */ new Map();
  const personOf = /* @__PURE__ */ new Map();
  const person = (p) => {
    let at = personOf.get(p);
    if (at !== void 0) return at;
    const key = `${p.name}
${p.email}`;
    at = personAt.get(key);
    if (at === void 0) {
      at = people.push([str(p.name), str(p.email)]) - 1;
      personAt.set(key, at);
    }
    personOf.set(p, at);
    return at;
  };
  const shapes = [];
  const shapeAt = /* @__PURE__ */ new Map();
  const shapeOf2 = (value) => {
    const keys = value.map(([key2]) => key2);
    const key = keys.join("\n");
    let at = shapeAt.get(key);
    if (at === void 0) {
      at = shapes.push(keys) - 1;
      shapeAt.set(key, at);
    }
    return at;
  };
  const form = {
    kind: file.kind,
    id: file.id,
    strings,
    people,
    events: file.events.map(({ seq, ord, event: e }) => [
      seq,
      ord,
      TYPES.indexOf(e.auditable_type),
      str(e.auditable_id),
      ACTIONS.indexOf(e.action),
      e.version,
      e.audited_changes,
      str(e.commit),
      str(e.created_at),
      str(e.path),
      str(e.message),
      e.pull_request,
      str(e.revert_of),
      str(e.blob),
      person(e.user),
      e.authors.map(person),
      person(e.committer),
      e.valid ? 1 : 0,
      e.problems,
      e.changed_by === null ? null : Object.entries(e.changed_by).map(([pointer, c]) => [pointer, person(c), str(c.commit)]),
      e.merged_by === null ? -1 : person(e.merged_by),
      e.restores === null ? null : [e.restores.version, str(e.restores.commit)],
      e.partial ? 1 : 0,
      e.forge === null ? -1 : FORGES.indexOf(e.forge)
    ]),
    states: file.states.map((s) => [
      s.seq,
      str(s.commit),
      str(s.created_at),
      s.version,
      str(s.blob),
      str(s.path),
      str(s.file_blob),
      s.valid ? 1 : 0
    ]),
    shapes,
    values: Object.entries(file.values).map(([blob, value]) => {
      const row = [str(blob), shapeOf2(value)];
      for (const [, part] of value) row.push(part);
      return row;
    }),
    parts: file.parts
  };
  return JSON.stringify(form);
}
function changedByOf(rows, person, must) {
  const out = {};
  for (const [pointer, who, commit] of rows) {
    const p = person(who);
    out[pointer] = { name: p.name, email: p.email, commit: must(commit) };
  }
  return out;
}
function decodeDefinitionFile(text) {
  const form = JSON.parse(text);
  const { strings, people } = form;
  if (!Array.isArray(strings) || !Array.isArray(people) || !Array.isArray(form.events) || !Array.isArray(form.shapes)) {
    throw new Error("not a definition file");
  }
  const str = (at) => {
    if (at === -1) return null;
    const s = strings[at];
    if (typeof s !== "string") throw new Error(`string ${at} is missing`);
    return s;
  };
  const must = (at) => {
    const s = str(at);
    if (s === null) throw new Error("a required string is null");
    return s;
  };
  const person = (at) => {
    const p = people[at];
    if (!p) throw new Error(`person ${at} is missing`);
    return { name: must(p[0]), email: must(p[1]) };
  };
  const enumOf = (list, at) => {
    const v = list[at];
    if (v === void 0) throw new Error(`code ${at} is unknown`);
    return v;
  };
  const events = form.events.map((r) => {
    const type = enumOf(TYPES, r[2]);
    const auditableId = must(r[3]);
    const commit = must(r[7]);
    return {
      seq: r[0],
      ord: r[1],
      event: {
        id: stableId(commit, type, auditableId),
        auditable_type: type,
        auditable_id: auditableId,
        action: enumOf(ACTIONS, r[4]),
        version: r[5],
        audited_changes: r[6],
        user: person(r[14]),
        commit,
        created_at: must(r[8]),
        path: must(r[9]),
        message: must(r[10]),
        pull_request: r[11],
        revert_of: str(r[12]),
        blob: str(r[13]),
        authors: r[15].map(person),
        committer: person(r[16]),
        valid: r[17] === 1,
        problems: r[18],
        changed_by: r[19] === null ? null : changedByOf(r[19], person, must),
        merged_by: r[20] === -1 ? null : person(r[20]),
        restores: r[21] === null ? null : { version: r[21][0], commit: must(r[21][1]) },
        partial: r[22] === 1,
        forge: r[23] === -1 ? null : enumOf(FORGES, r[23]),
        // Approvals are not stored: the index overlays them from the notes (docs/history.md "Approvals").
        approvals: null
      }
    };
  });
  const states = form.states.map((r) => ({
    seq: r[0],
    commit: must(r[1]),
    created_at: must(r[2]),
    version: r[3],
    blob: str(r[4]),
    path: must(r[5]),
    file_blob: str(r[6]),
    valid: r[7] === 1
  }));
  const values = {};
  for (const row of form.values) {
    const keys = form.shapes[row[1]];
    if (!keys || keys.length !== row.length - 2)
      throw new Error(`value of ${row[0]} does not fit its key list`);
    values[must(row[0])] = keys.map((key, i) => [key, row[i + 2]]);
  }
  return { kind: form.kind, id: form.id, events, states, values, parts: form.parts };
}
var TYPES, ACTIONS, FORGES;
var init_definition_file_codec = __esm({
  "src/history/definition-file-codec.ts"() {
    "use strict";
    init_fold_types();
    init_types();
    TYPES = AUDITABLE_TYPES;
    ACTIONS = ["create", "update", "delete"];
    FORGES = ["github", "gitlab", "bitbucket", "azure"];
  }
});

// src/state/durable-write.ts
function fsyncDir(dir) {
  const fd = (0, import_node_fs3.openSync)(dir, "r");
  try {
    (0, import_node_fs3.fsyncSync)(fd);
  } finally {
    (0, import_node_fs3.closeSync)(fd);
  }
}
var import_node_fs3;
var init_durable_write = __esm({
  "src/state/durable-write.ts"() {
    "use strict";
    import_node_fs3 = require("node:fs");
  }
});

// src/history/rewrite-log.ts
function rewritesFile(historyDir) {
  return import_node_path4.default.join(historyDir, "rewrites.jsonl");
}
function readRewrites(historyDir) {
  let text;
  try {
    text = (0, import_node_fs4.readFileSync)(rewritesFile(historyDir), "utf8");
  } catch (err) {
    if (err.code === "ENOENT") return { records: [], damaged: [] };
    throw err;
  }
  const lines = text.split("\n");
  lines.pop();
  const records = [];
  const damaged2 = [];
  lines.forEach((line, i) => {
    const record = parseRecord(line);
    if (record) records.push(record);
    else damaged2.push(i + 1);
  });
  return { records, damaged: damaged2 };
}
function parseRecord(line) {
  try {
    const value = JSON.parse(line);
    const ok = value.format === REWRITES_FORMAT && value.record === "history_rewritten" && typeof value.old_head === "string" && typeof value.new_head === "string" && Array.isArray(value.events);
    return ok ? value : null;
  } catch {
    return null;
  }
}
function appendRewrite(historyDir, record) {
  const file = rewritesFile(historyDir);
  const existed = (0, import_node_fs4.statSync)(file, { throwIfNoEntry: false }) !== void 0;
  if (existed) {
    const text = (0, import_node_fs4.readFileSync)(file, "utf8");
    const end = text.lastIndexOf("\n") + 1;
    if (end < Buffer.byteLength(text)) (0, import_node_fs4.truncateSync)(file, Buffer.byteLength(text.slice(0, end)));
    const last = readRewrites(historyDir).records.at(-1);
    if (last && last.old_head === record.old_head && last.branch === record.branch) return;
  }
  const fd = (0, import_node_fs4.openSync)(file, "a", 384);
  try {
    (0, import_node_fs4.writeSync)(fd, `${JSON.stringify(record)}
`);
    (0, import_node_fs4.fsyncSync)(fd);
  } finally {
    (0, import_node_fs4.closeSync)(fd);
  }
  if (!existed) fsyncDir(historyDir);
}
var import_node_fs4, import_node_path4, REWRITES_FORMAT;
var init_rewrite_log = __esm({
  "src/history/rewrite-log.ts"() {
    "use strict";
    import_node_fs4 = require("node:fs");
    import_node_path4 = __toESM(require("node:path"), 1);
    init_durable_write();
    REWRITES_FORMAT = 1;
  }
});

// src/history/value-table.ts
function createValueEncoder(parts) {
  const byObject = /* @__PURE__ */ new Map();
  const byScalar = /* @__PURE__ */ new Map();
  const add = (part) => parts.push(part) - 1;
  const partOf = (value, listItems) => {
    if (value !== null && typeof value === "object") {
      let at2 = byObject.get(value);
      if (at2 === void 0) {
        at2 = add(
          listItems && Array.isArray(value) ? { a: value.map((item) => partOf(item, false)) } : { v: value }
        );
        byObject.set(value, at2);
      }
      return at2;
    }
    let at = byScalar.get(value);
    if (at === void 0) {
      at = add({ v: value });
      byScalar.set(value, at);
    }
    return at;
  };
  return {
    encode(value) {
      const out = [];
      for (const k in value) out.push([k, partOf(value[k], true)]);
      return out;
    }
  };
}
function decodeValue(parts, encoded) {
  const out = {};
  for (const [key, at] of encoded) {
    const value = decodePart(parts, at);
    if (value === MISSING) return null;
    out[key] = value;
  }
  return out;
}
function decodePart(parts, at) {
  const part = parts[at];
  if (!part) return MISSING;
  if (!("a" in part)) return part.v;
  const items = part.a.map((i) => decodePart(parts, i));
  return items.includes(MISSING) ? MISSING : items;
}
var MISSING;
var init_value_table = __esm({
  "src/history/value-table.ts"() {
    "use strict";
    MISSING = /* @__PURE__ */ Symbol("missing");
  }
});

// src/git/cat-file-batch.ts
function openCatFileBatch(dir) {
  const child = (0, import_node_child_process.spawn)("git", ["cat-file", "--batch"], {
    cwd: dir,
    env: { ...process.env, GIT_TERMINAL_PROMPT: "0", LC_ALL: "C" },
    stdio: ["pipe", "pipe", "pipe"]
  });
  const queue = [];
  let failure = null;
  let stderr = "";
  const closed = new Promise((resolve) => child.on("close", () => resolve()));
  const fail = (err) => {
    failure ??= err;
    for (const p of queue.splice(0)) p.reject(err);
  };
  child.on(
    "error",
    (e) => fail(new OpsledgerError("GIT_FAILED", `cannot start git cat-file: ${e.message}`, { cause: e }))
  );
  child.stdin.on("error", (e) => fail(new OpsledgerError("GIT_FAILED", `git cat-file: ${e.message}`)));
  child.stderr.on("data", (b) => stderr += b.toString("utf8"));
  child.on("close", (code) => {
    if (queue.length > 0) {
      fail(new OpsledgerError("GIT_FAILED", `git cat-file --batch exited (${code}): ${stderr.trim()}`));
    }
  });
  const chunks = [];
  let buffered = 0;
  child.stdout.on("data", (chunk) => {
    chunks.push(chunk);
    buffered += chunk.length;
    drain();
  });
  function head(n) {
    if (chunks[0].length < n) {
      let count = 1;
      for (let have = chunks[0].length; have < n; count++) have += chunks[count].length;
      chunks.splice(0, count, Buffer.concat(chunks.slice(0, count)));
    }
    return chunks[0].subarray(0, n);
  }
  function consume(n) {
    buffered -= n;
    while (n > 0) {
      const first = chunks[0];
      if (first.length > n) {
        chunks[0] = first.subarray(n);
        return;
      }
      n -= first.length;
      chunks.shift();
    }
  }
  function newline() {
    let offset = 0;
    for (const chunk of chunks) {
      const at = chunk.indexOf(10);
      if (at !== -1) return offset + at;
      offset += chunk.length;
    }
    return -1;
  }
  function drain() {
    for (; ; ) {
      const pending = queue[0];
      if (!pending) return;
      const nl = newline();
      if (nl === -1) return;
      const header = head(nl).toString("utf8");
      if (header.endsWith(" missing") || header.endsWith(" ambiguous")) {
        consume(nl + 1);
        queue.shift();
        pending.resolve(null);
        continue;
      }
      const [oid, type, sizeText] = header.split(" ");
      const size = Number(sizeText);
      if (!oid || !type || !Number.isInteger(size)) {
        fail(new OpsledgerError("GIT_FAILED", `unexpected git cat-file output: ${header}`));
        return;
      }
      if (buffered < nl + 1 + size + 1) return;
      const content = head(nl + 1 + size).subarray(nl + 1);
      consume(nl + 1 + size + 1);
      queue.shift();
      pending.resolve({ oid, type, content });
    }
  }
  function request(name) {
    if (failure) return Promise.reject(failure);
    if (/[\n\r]/.test(name)) {
      return Promise.reject(new OpsledgerError("INPUT_INVALID", `object name contains a newline: ${name}`));
    }
    return new Promise((resolve, reject) => {
      queue.push({ resolve, reject });
      if (unsent.length === 0) queueMicrotask(send);
      unsent.push(name);
    });
  }
  let unsent = [];
  function send() {
    const names = unsent;
    unsent = [];
    if (!failure) child.stdin.write(`${names.join("\n")}
`);
  }
  return {
    read: request,
    readMany: (names) => Promise.all(names.map(request)),
    async close() {
      if (unsent.length > 0) send();
      if (child.exitCode === null && !child.killed) child.stdin.end();
      await closed;
    }
  };
}
var import_node_child_process;
var init_cat_file_batch = __esm({
  "src/git/cat-file-batch.ts"() {
    "use strict";
    import_node_child_process = require("node:child_process");
    init_opsledger_error();
  }
});

// src/git/stream-git.ts
async function* streamGit(dir, args, options = {}) {
  const child = (0, import_node_child_process2.spawn)("git", args, {
    cwd: dir,
    env: { ...process.env, GIT_TERMINAL_PROMPT: "0", LC_ALL: "C" },
    stdio: ["pipe", "pipe", "pipe"]
  });
  const stderr = [];
  child.stderr.on("data", (b) => stderr.push(b));
  const exited = new Promise((resolve, reject) => {
    child.on(
      "error",
      (e) => reject(new OpsledgerError("GIT_FAILED", `cannot start git: ${e.message}`, { cause: e }))
    );
    child.on("close", (code2) => resolve(code2 ?? 1));
  });
  exited.catch(() => void 0);
  child.stdin.on("error", () => void 0);
  child.stdin.end(options.input);
  let finished = false;
  try {
    for await (const chunk of child.stdout) yield chunk;
    finished = true;
  } finally {
    if (!finished) child.kill();
  }
  const code = await exited;
  if (code !== 0) {
    const message = Buffer.concat(stderr).toString("utf8").trim();
    throw new OpsledgerError("GIT_FAILED", `git ${args.join(" ")} failed: ${message || code}`);
  }
}
var import_node_child_process2, NulSplitter;
var init_stream_git = __esm({
  "src/git/stream-git.ts"() {
    "use strict";
    import_node_child_process2 = require("node:child_process");
    init_opsledger_error();
    NulSplitter = class {
      carry = null;
      push(chunk) {
        const out = [];
        let start = 0;
        for (; ; ) {
          const at = chunk.indexOf(0, start);
          if (at === -1) break;
          if (this.carry) {
            out.push(Buffer.concat([this.carry, chunk.subarray(start, at)]).toString("utf8"));
            this.carry = null;
          } else {
            out.push(chunk.toString("utf8", start, at));
          }
          start = at + 1;
        }
        if (start < chunk.length) {
          const rest = chunk.subarray(start);
          this.carry = this.carry ? Buffer.concat([this.carry, rest]) : Buffer.from(rest);
        }
        return out;
      }
      end() {
        const rest = this.carry;
        this.carry = null;
        return rest && rest.length > 0 ? [rest.toString("utf8")] : [];
      }
    };
  }
});

// src/git/read-branch-log.ts
async function readBranchLog(dir, options) {
  const base = options.base ?? null;
  const args = [
    "-c",
    "core.quotePath=false",
    "log",
    "--diff-merges=first-parent",
    "--raw",
    "--no-abbrev",
    "--no-renames",
    "--no-ext-diff",
    "--no-textconv",
    "-z",
    `--format=${FORMAT}`,
    options.tip,
    ...base ? [`^${base}`] : [],
    "--"
  ];
  const chain = [];
  const waiting = /* @__PURE__ */ new Map();
  let expected = options.tip;
  const place2 = (commit) => {
    chain.push(commit);
    options.onChainCommit?.(commit);
    expected = commit.parents[0];
  };
  const take = (commit) => {
    if (!commit) return;
    if (commit.sha !== expected) {
      waiting.set(commit.sha, commit);
      return;
    }
    place2(commit);
    let next;
    while (expected !== void 0 && (next = waiting.get(expected))) {
      waiting.delete(next.sha);
      place2(next);
    }
  };
  const splitter = new NulSplitter();
  const parser = new RawLogParser();
  for await (const chunk of streamGit(dir, args)) splitter.push(chunk).forEach((t) => take(parser.push(t)));
  splitter.end().forEach((t) => take(parser.push(t)));
  take(parser.end());
  return {
    chain: chain.reverse(),
    others: waiting,
    joinsBase: (expected ?? null) === base
  };
}
function toCommit(fields) {
  const [sha = "", parents = "", aN = "", aE = "", aI = "", cN = "", cE = "", cI = "", message = ""] = fields;
  return {
    sha,
    parents: parents === "" ? [] : parents.split(" "),
    author: { name: aN, email: aE, date: aI },
    committer: { name: cN, email: cE, date: cI },
    message: message.replace(/\n+$/, ""),
    changes: []
  };
}
function toChange(meta, path20) {
  const [, , oldBlob = "", newBlob = "", status = ""] = meta.slice(1).split(" ");
  return {
    path: path20,
    status,
    oldBlob: ZERO.test(oldBlob) ? null : oldBlob,
    newBlob: ZERO.test(newBlob) ? null : newBlob
  };
}
var ZERO, FORMAT, FIELDS, RawLogParser;
var init_read_branch_log = __esm({
  "src/git/read-branch-log.ts"() {
    "use strict";
    init_stream_git();
    ZERO = /^0+$/;
    FORMAT = "%x01%H%x00%P%x00%an%x00%ae%x00%aI%x00%cn%x00%ce%x00%cI%x00%B";
    FIELDS = 9;
    RawLogParser = class {
      current = null;
      header = null;
      pendingMeta = null;
      push(raw) {
        if (this.header) {
          this.header.push(raw);
          if (this.header.length === FIELDS) {
            this.current = toCommit(this.header);
            this.header = null;
          }
          return null;
        }
        if (this.pendingMeta !== null) {
          this.current?.changes.push(toChange(this.pendingMeta, raw));
          this.pendingMeta = null;
          return null;
        }
        const token = raw.charCodeAt(0) === 10 ? raw.slice(1) : raw;
        if (token.charCodeAt(0) === 1) {
          const done = this.current;
          this.current = null;
          this.header = [token.slice(1)];
          return done;
        }
        if (token.charCodeAt(0) === 58) this.pendingMeta = token;
        return null;
      }
      end() {
        const done = this.current;
        this.current = null;
        return done;
      }
    };
  }
});

// src/history/collect-side-commits.ts
function collectSideCommits(chain, others) {
  const seen = /* @__PURE__ */ new Set();
  const sides = /* @__PURE__ */ new Map();
  for (const commit of chain) {
    if (commit.parents.length < 2) continue;
    const side = [];
    const stack = commit.parents.slice(1).reverse();
    while (stack.length > 0) {
      const sha = stack.pop();
      if (seen.has(sha)) continue;
      const c = others.get(sha);
      if (!c) continue;
      seen.add(sha);
      side.push(sha);
      for (let i = c.parents.length - 1; i >= 0; i--) stack.push(c.parents[i]);
    }
    sides.set(commit.sha, side);
  }
  return sides;
}
var init_collect_side_commits = __esm({
  "src/history/collect-side-commits.ts"() {
    "use strict";
  }
});

// src/history/block-yaml.ts
function memoByText(parse) {
  const cache2 = /* @__PURE__ */ new Map();
  return {
    get(text) {
      let hit = cache2.get(text);
      if (hit === void 0) {
        hit = parse(text);
        cache2.set(text, hit);
      }
      return hit;
    },
    size: () => cache2.size
  };
}
function needsFullParser(text) {
  return MAYBE_SPECIAL.test(text) && NEEDS_FULL_PARSER.test(text);
}
function createBlockYamlParser() {
  const items = memoByText(parseOneItem);
  const blocks = memoByText(
    (text) => needsFullParser(text) ? null : parseSequenceBlock(text, items.get) ?? parseOne(text, keyAt(text, 0))
  );
  return {
    get parsedBlocks() {
      return blocks.size() + items.size();
    },
    parse(text) {
      const cut = cutBlocks(text);
      if (!cut) return null;
      const out = {};
      for (const { text: blockText, key } of cut) {
        if (Object.hasOwn(out, key)) return null;
        const block = blocks.get(blockText);
        if (!block) return null;
        out[key] = block.value;
      }
      return out;
    }
  };
}
function cutBlocks(text) {
  const out = [];
  let start = -1;
  let key = "";
  let pos = 0;
  while (pos < text.length) {
    const end = text.indexOf("\n", pos);
    const next = end < 0 ? text.length : end + 1;
    const c = text.charCodeAt(pos);
    const continues = c === 10 || c === 13 || c === 32 || c === 35 || c === 45 && isItemDash(text, pos + 1);
    if (!continues) {
      const found = keyAt(text, pos);
      if (found === null || found === "__proto__") return null;
      if (start >= 0) out.push({ text: text.slice(start, pos), key });
      start = pos;
      key = found;
    } else if (start < 0 && c !== 10 && c !== 13 && c !== 35 && !isBlankLine(text, pos, next)) {
      return null;
    }
    pos = next;
  }
  if (start < 0) return null;
  out.push({ text: text.slice(start), key });
  return out;
}
function keyAt(text, pos) {
  let i = pos;
  let c = text.charCodeAt(i);
  if (!(isWordChar(c) && c !== 45 && c !== 46)) return null;
  do
    c = text.charCodeAt(++i);
  while (isWordChar(c));
  const end = i;
  while (c === 32 || c === 9) c = text.charCodeAt(++i);
  if (c !== 58) return null;
  const after = text.charCodeAt(i + 1);
  if (!(Number.isNaN(after) || after === 32 || after === 9 || after === 13 || after === 10)) return null;
  return text.slice(pos, end);
}
function isWordChar(c) {
  return c >= 97 && c <= 122 || c >= 65 && c <= 90 || c >= 48 && c <= 57 || c === 95 || c === 46 || c === 45;
}
function isItemDash(text, at) {
  const c = text.charCodeAt(at);
  return Number.isNaN(c) || c === 32 || c === 10 || c === 13;
}
function isBlankLine(text, from, to) {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 13) return false;
  }
  return true;
}
function parseSequenceBlock(text, parseItem) {
  const firstEnd = text.indexOf("\n");
  if (firstEnd < 0 || !/^[^:]*:[ \t]*(#.*)?\r?$/.test(text.slice(0, firstEnd))) return null;
  const parts = [];
  let dash = -1;
  let start = -1;
  let pos = firstEnd + 1;
  while (pos < text.length) {
    const end = text.indexOf("\n", pos);
    const next = end < 0 ? text.length : end + 1;
    let indent = pos;
    while (text.charCodeAt(indent) === 32) indent++;
    const c = text.charCodeAt(indent);
    const blank = indent >= next || c === 10 || c === 13 || c === 35;
    if (!blank) {
      const col = indent - pos;
      if (dash < 0) {
        if (c !== 45 || !isItemDash(text, indent + 1)) return null;
        dash = col;
      }
      if (col === dash && c === 45 && isItemDash(text, indent + 1)) {
        if (start >= 0) parts.push(text.slice(start, pos));
        start = pos;
      } else if (col <= dash) {
        return null;
      }
    }
    pos = next;
  }
  if (start < 0) return null;
  parts.push(text.slice(start));
  const value = [];
  for (const part of parts) {
    const item = parseItem(part);
    if (!item) return null;
    value.push(item.value);
  }
  return { value: Object.freeze(value) };
}
function load(text) {
  try {
    return import_js_yaml.default.load(text, { schema: import_js_yaml.default.CORE_SCHEMA });
  } catch {
    return FAILED;
  }
}
function parseOneItem(text) {
  const parsed = load(text);
  if (!Array.isArray(parsed) || parsed.length !== 1) return null;
  return { value: deepFreeze(parsed[0]) };
}
function parseOne(text, key) {
  const parsed = load(text);
  if (parsed === FAILED || parsed === null || typeof parsed !== "object" || Array.isArray(parsed))
    return null;
  const keys = Object.keys(parsed);
  if (keys.length !== 1 || keys[0] !== key) return null;
  return { value: deepFreeze(parsed[key]) };
}
function deepFreeze(value) {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
var import_js_yaml, NEEDS_FULL_PARSER, MAYBE_SPECIAL, FAILED;
var init_block_yaml = __esm({
  "src/history/block-yaml.ts"() {
    "use strict";
    import_js_yaml = __toESM(require("js-yaml"), 1);
    NEEDS_FULL_PARSER = /(^|[\s[{,:-])[&*!][^\s]|^(%|---|\.\.\.)|(^|[\s[{,:-])([-+]0[xXoObB]|0[bB][01])|\t/m;
    MAYBE_SPECIAL = /[&*!%\t]|---|\.\.\.|[-+]?0[xXoObB]/;
    FAILED = /* @__PURE__ */ Symbol("does not parse");
  }
});

// src/definitions/parse-yaml.ts
var parse_yaml_exports = {};
__export(parse_yaml_exports, {
  MAX_DEFINITION_BYTES: () => MAX_DEFINITION_BYTES,
  locatePointer: () => locatePointer,
  parseYaml: () => parseYaml
});
function finding(file, line, col, code, message, hint) {
  return { code, file, line, col, message, hint, severity: "error" };
}
function parseYaml(bytes, file) {
  const size = typeof bytes === "string" ? Buffer.byteLength(bytes) : bytes.length;
  if (size > MAX_DEFINITION_BYTES) {
    return {
      ok: false,
      findings: [
        finding(
          file,
          1,
          1,
          "file-too-large",
          `file is ${size} bytes, over the ${MAX_DEFINITION_BYTES}-byte limit`,
          "Split the definition or move a long script into a script.file."
        )
      ]
    };
  }
  let text;
  if (typeof bytes === "string") {
    text = bytes;
  } else {
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      const at = firstInvalidUtf8(bytes);
      return {
        ok: false,
        findings: [
          finding(
            file,
            at.line,
            at.col,
            "invalid-utf8",
            "file is not valid UTF-8",
            "Save the file as UTF-8 (e.g. `iconv -f latin1 -t utf-8`)."
          )
        ]
      };
    }
  }
  const lineCounter = new import_yaml.LineCounter();
  const docs = (0, import_yaml.parseAllDocuments)(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  const list = Array.isArray(docs) ? docs : [];
  if (list.length === 0) {
    return {
      ok: false,
      findings: [
        finding(file, 1, 1, "empty-file", "file holds no YAML document", "Write one definition per file.")
      ]
    };
  }
  const findings = [];
  for (const doc2 of list) {
    for (const err of doc2.errors) {
      const pos = lineCounter.linePos(err.pos[0]);
      findings.push(
        finding(
          file,
          pos.line,
          pos.col,
          "yaml-syntax",
          firstLine(err.message),
          "Fix the YAML syntax at this place."
        )
      );
    }
  }
  if (findings.length > 0) return { ok: false, findings };
  if (list.length > 1) {
    const second = list[1];
    const pos = lineCounter.linePos(second.range[0]);
    return {
      ok: false,
      findings: [
        finding(
          file,
          pos.line,
          pos.col,
          "multiple-documents",
          `file holds ${list.length} YAML documents`,
          "Keep one definition per file; move the others to files of their own."
        )
      ]
    };
  }
  const doc = list[0];
  let value;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    const pos = lineCounter.linePos(firstAliasOffset(doc));
    const message = err instanceof Error ? err.message : String(err);
    return {
      ok: false,
      findings: [
        finding(
          file,
          pos.line,
          pos.col,
          "alias-bomb",
          `refused to expand aliases: ${message}`,
          "Write the values out; definitions must not use nested YAML aliases."
        )
      ]
    };
  }
  return { ok: true, parsed: { value, doc, lineCounter } };
}
function firstLine(message) {
  return message.split("\n")[0] ?? message;
}
function firstInvalidUtf8(bytes) {
  let line = 1;
  let col = 1;
  for (let i = 0; i < bytes.length; i++) {
    const ok = new TextDecoder("utf-8", { fatal: true });
    const b = bytes[i];
    if (b === 10) {
      line++;
      col = 1;
      continue;
    }
    if (b < 128) {
      col++;
      continue;
    }
    const len = b >= 240 ? 4 : b >= 224 ? 3 : b >= 192 ? 2 : 1;
    try {
      ok.decode(bytes.subarray(i, i + len));
    } catch {
      return { line, col };
    }
    i += len - 1;
    col++;
  }
  return { line, col };
}
function firstAliasOffset(doc) {
  let offset = doc.contents?.range?.[0] ?? 0;
  (0, import_yaml.visit)(doc, {
    Alias(_key, node) {
      offset = node.range?.[0] ?? offset;
      return import_yaml.visit.BREAK;
    }
  });
  return offset;
}
function locatePointer(parsed, pointer, key) {
  const segments = pointer === "" ? [] : pointer.slice(1).split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  let node = parsed.doc.contents;
  let best = node?.range ?? void 0;
  for (const seg of segments) {
    if ((0, import_yaml.isMap)(node)) {
      const pair = node.items.find((p) => (0, import_yaml.isPair)(p) && (0, import_yaml.isScalar)(p.key) && String(p.key.value) === seg);
      if (!pair) break;
      const keyNode = pair.key;
      best = pair.value?.range ?? keyNode.range ?? best;
      if (keyNode.range) best = keyNode.range;
      node = pair.value;
    } else if ((0, import_yaml.isSeq)(node)) {
      const item = node.items[Number(seg)];
      if (!item) break;
      best = item.range ?? best;
      node = item;
    } else {
      break;
    }
  }
  if (key !== void 0 && (0, import_yaml.isMap)(node)) {
    const pair = node.items.find((p) => (0, import_yaml.isPair)(p) && (0, import_yaml.isScalar)(p.key) && String(p.key.value) === key);
    const range = pair?.key?.range;
    if (range) best = range;
  }
  return parsed.lineCounter.linePos(best?.[0] ?? 0);
}
var import_yaml, MAX_DEFINITION_BYTES, MAX_ALIAS_COUNT;
var init_parse_yaml = __esm({
  "src/definitions/parse-yaml.ts"() {
    "use strict";
    import_yaml = require("yaml");
    MAX_DEFINITION_BYTES = 256 * 1024;
    MAX_ALIAS_COUNT = 50;
  }
});

// src/package/package-root.ts
function findPackageRoot(start) {
  for (let dir = start; ; dir = import_node_path9.default.dirname(dir)) {
    try {
      const pkg = JSON.parse((0, import_node_fs9.readFileSync)(import_node_path9.default.join(dir, "package.json"), "utf8"));
      if (pkg.name === "opsledger") return dir;
    } catch {
    }
    if (import_node_path9.default.dirname(dir) === dir) throw new Error(`opsledger's package.json not found above ${start}`);
  }
}
var import_node_fs9, import_node_path9, import_node_url, PACKAGE_ROOT, manifest, PACKAGE_VERSION, PACKAGE_REPOSITORY;
var init_package_root = __esm({
  "src/package/package-root.ts"() {
    "use strict";
    import_node_fs9 = require("node:fs");
    import_node_path9 = __toESM(require("node:path"), 1);
    import_node_url = require("node:url");
    PACKAGE_ROOT = findPackageRoot(import_node_path9.default.dirname((0, import_node_url.fileURLToPath)(__opsledgerImportMetaUrl)));
    manifest = JSON.parse((0, import_node_fs9.readFileSync)(import_node_path9.default.join(PACKAGE_ROOT, "package.json"), "utf8"));
    PACKAGE_VERSION = manifest.version;
    PACKAGE_REPOSITORY = (manifest.repository?.url ?? "").replace(/^git\+/, "");
  }
});

// src/definitions/compile-linear-pattern.ts
function compileLinearPattern(pattern) {
  try {
    new RegExp(pattern, "u");
  } catch (err) {
    return { ok: false, reason: "invalid", message: err.message };
  }
  let re2;
  try {
    re2 = import_re2js.RE2JS.compile(toRe2Syntax(pattern));
  } catch (err) {
    const detail = err.message.replace(/^error parsing regexp: /, "");
    return {
      ok: false,
      reason: "unsupported",
      message: `it uses syntax the linear-time engine cannot run (backreferences, lookahead or lookbehind, repeats over 1000): ${detail}`
    };
  }
  const text = `/${pattern}/u`;
  return { ok: true, regex: { test: (input) => re2.test(input), toString: () => text } };
}
function toRe2Syntax(pattern) {
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch !== "\\" || i + 1 >= pattern.length) {
      out += ch;
      continue;
    }
    const next = pattern[i + 1];
    const unit = /^u([0-9a-fA-F]{4})/.exec(pattern.slice(i + 1));
    const braced = /^u\{([0-9a-fA-F]{1,6})\}/.exec(pattern.slice(i + 1));
    const control = /^c([A-Za-z])/.exec(pattern.slice(i + 1));
    if (unit) {
      let code = parseInt(unit[1], 16);
      let length = 5;
      const low = /^\\u([dD][c-fC-F][0-9a-fA-F]{2})/.exec(pattern.slice(i + 6));
      if (code >= 55296 && code <= 56319 && low) {
        code = 65536 + (code - 55296 << 10) + (parseInt(low[1], 16) - 56320);
        length += 6;
      }
      out += `\\x{${code.toString(16)}}`;
      i += length;
    } else if (braced) {
      out += `\\x{${braced[1]}}`;
      i += braced[0].length;
    } else if (control) {
      out += `\\x{${(control[1].charCodeAt(0) % 32).toString(16)}}`;
      i += 2;
    } else {
      out += `\\${next}`;
      i += 1;
    }
  }
  return out;
}
var import_re2js, linearRegExpEngine;
var init_compile_linear_pattern = __esm({
  "src/definitions/compile-linear-pattern.ts"() {
    "use strict";
    import_re2js = require("re2js");
    linearRegExpEngine = Object.assign(
      (pattern) => {
        const compiled = compileLinearPattern(pattern);
        if (!compiled.ok) throw new Error(`pattern /${pattern}/: ${compiled.message}`);
        return compiled.regex;
      },
      { code: "linearRegExpEngine" }
    );
  }
});

// src/definitions/schemas.ts
var schemas_exports = {};
__export(schemas_exports, {
  SCHEMA_FILES: () => SCHEMA_FILES,
  SHIPPED_SCHEMA_DIR: () => SHIPPED_SCHEMA_DIR,
  compileValidators: () => compileValidators,
  describeSchemaError: () => describeSchemaError,
  loadValidators: () => loadValidators,
  usefulErrors: () => usefulErrors
});
function createAjv() {
  const ajv = new import_ajv.Ajv({
    allErrors: true,
    strict: true,
    strictRequired: false,
    strictTypes: false,
    allowUnionTypes: true,
    useDefaults: false,
    // A repo may ship its own schemas: their `pattern`s run on a linear-time engine (docs/security.md).
    code: { regExp: linearRegExpEngine }
  });
  addFormats(ajv);
  return ajv;
}
function compileSchema(ajv, schema) {
  const { $id: _id, ...rest } = schema;
  return ajv.compile(rest);
}
function readShippedSchema(name) {
  return JSON.parse((0, import_node_fs10.readFileSync)(import_node_path10.default.join(SHIPPED_SCHEMA_DIR, SCHEMA_FILES[name]), "utf8"));
}
function loadValidators(repoSchemaDir) {
  const key = repoSchemaDir ?? "";
  const hit = cache.get(key);
  if (hit) return hit;
  const ajv = createAjv();
  const compile = (name) => {
    const own = repoSchemaDir ? import_node_path10.default.join(repoSchemaDir, SCHEMA_FILES[name]) : void 0;
    if (own && (0, import_node_fs10.existsSync)(own)) {
      try {
        return compileSchema(ajv, JSON.parse((0, import_node_fs10.readFileSync)(own, "utf8")));
      } catch {
      }
    }
    return compileSchema(ajv, readShippedSchema(name));
  };
  const validators = {};
  for (const name of ["action", "runbook", "role", "config"]) {
    let compiled;
    Object.defineProperty(validators, name, { enumerable: true, get: () => compiled ??= compile(name) });
  }
  cache.set(key, validators);
  return validators;
}
function compileValidators(texts) {
  const key = JSON.stringify(Object.entries(texts).sort(([a], [b]) => a < b ? -1 : 1));
  const hit = textCache.get(key);
  if (hit) return hit;
  const ajv = createAjv();
  const problems = [];
  const compile = (name) => {
    const text = texts[name];
    if (text !== void 0) {
      try {
        const schema = JSON.parse(text);
        if (typeof schema !== "object" || schema === null || Array.isArray(schema)) {
          throw new Error("a schema must be a JSON object");
        }
        return compileSchema(ajv, schema);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        const at = /position (\d+)/.exec(message);
        const offset = at ? Number(at[1]) : /end of JSON input/.test(message) ? text.length : void 0;
        problems.push({ name, message, ...offset === void 0 ? {} : { offset } });
      }
    }
    return compileSchema(ajv, readShippedSchema(name));
  };
  const validators = {
    action: compile("action"),
    runbook: compile("runbook"),
    role: compile("role"),
    config: compile("config")
  };
  const result = { validators, problems };
  textCache.set(key, result);
  return result;
}
function usefulErrors(errors) {
  const precise = errors.filter((e) => e.keyword !== "if" && e.keyword !== "oneOf" && e.keyword !== "allOf");
  const list = precise.length > 0 ? precise : [...errors];
  const seen = /* @__PURE__ */ new Set();
  return list.filter((e) => {
    const k = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
function describeSchemaError(e) {
  const where = e.instancePath === "" ? "document" : e.instancePath;
  switch (e.keyword) {
    case "additionalProperties":
      return `unknown key "${String(e.params.additionalProperty)}" in ${where}`;
    case "required":
      return `missing required key "${String(e.params.missingProperty)}" in ${where}`;
    case "enum":
      return `${where} must be one of ${e.params.allowedValues.map(String).join(", ")}`;
    case "oneOf":
      return `${where} must set exactly one of the alternatives (e.g. script.inline or script.file)`;
    default:
      return `${where} ${e.message ?? "is invalid"}`;
  }
}
var import_node_fs10, import_node_path10, import_ajv, addFormatsModule, addFormats, SCHEMA_FILES, SHIPPED_SCHEMA_DIR, cache, textCache;
var init_schemas = __esm({
  "src/definitions/schemas.ts"() {
    "use strict";
    import_node_fs10 = require("node:fs");
    import_node_path10 = __toESM(require("node:path"), 1);
    import_ajv = require("ajv");
    addFormatsModule = __toESM(require("ajv-formats"), 1);
    init_package_root();
    init_compile_linear_pattern();
    addFormats = addFormatsModule.default;
    SCHEMA_FILES = {
      action: "action.schema.json",
      runbook: "runbook.schema.json",
      role: "role.schema.json",
      config: "config.schema.json"
    };
    SHIPPED_SCHEMA_DIR = import_node_path10.default.join(PACKAGE_ROOT, "definitions/schema");
    cache = /* @__PURE__ */ new Map();
    textCache = /* @__PURE__ */ new Map();
  }
});

// src/definitions/parse-definition.ts
var parse_definition_exports = {};
__export(parse_definition_exports, {
  checkSchema: () => checkSchema,
  parseDefinition: () => parseDefinition
});
function parseDefinition(bytes, file, kind, validators) {
  const result = parseYaml(bytes, file);
  if (!result.ok) return result;
  const findings = checkSchema(result.parsed, file, validators[kind]);
  if (findings.length > 0) return { ok: false, findings };
  const definition = { kind, path: file, value: result.parsed.value };
  return { ok: true, definition, parsed: result.parsed };
}
function checkSchema(parsed, file, validate) {
  if (validate(parsed.value)) return [];
  return usefulErrors(validate.errors ?? []).map((e) => {
    const key = e.keyword === "additionalProperties" ? String(e.params.additionalProperty) : void 0;
    const pos = locatePointer(parsed, e.instancePath, key);
    return {
      code: "schema",
      file,
      line: pos.line,
      col: pos.col,
      message: describeSchemaError(e),
      hint: SCHEMA_HINTS[e.keyword] ?? "Fix the value so it matches the schema.",
      pointer: key === void 0 ? e.instancePath : `${e.instancePath}/${key}`,
      severity: "error"
    };
  });
}
var SCHEMA_HINTS;
var init_parse_definition = __esm({
  "src/definitions/parse-definition.ts"() {
    "use strict";
    init_parse_yaml();
    init_schemas();
    SCHEMA_HINTS = {
      additionalProperties: "Remove the key or fix its spelling; the schema lists the allowed keys.",
      required: "Add the missing key.",
      enum: "Use one of the listed values.",
      pattern: "Change the value to match the expected form.",
      format: "Change the value to the expected format.",
      type: "Change the value to the expected type."
    };
  }
});

// src/history/parse-blob.ts
function parseBlob(bytes, file, kind, validators, blocks) {
  const fast = fastValue(bytes, kind, validators, blocks);
  let value;
  let findings = [];
  if (fast) {
    value = fast;
  } else {
    const parsed = parseYaml(bytes, file);
    if (!parsed.ok) return { ok: false, findings: parsed.findings, id: null };
    findings = checkSchema(parsed.parsed, file, validators[kind]);
    const id = idOf(parsed.parsed.value);
    if (id === null || !USABLE_ID.test(id)) {
      return { ok: false, findings: findings.length > 0 ? findings : [noIdFinding(file)], id: null };
    }
    value = parsed.parsed.value;
  }
  if (kind === "runbook" && Array.isArray(value.steps)) {
    const seen = /* @__PURE__ */ new Set();
    const dup = value.steps.find((s) => {
      const id = s !== null && typeof s === "object" ? s.id : void 0;
      return id !== void 0 && (seen.has(id) || !seen.add(id));
    });
    if (dup) {
      findings = [
        ...findings,
        {
          code: "duplicate-step-id",
          file,
          line: 1,
          col: 1,
          message: `step id "${String(dup.id)}" appears more than once`,
          hint: "Give each step of a runbook its own id.",
          pointer: "/steps",
          severity: "error"
        }
      ];
    }
  }
  return { ok: true, value, findings };
}
function noIdFinding(file) {
  return {
    code: "schema",
    file,
    line: 1,
    col: 1,
    message: "the file names no usable id",
    hint: "Give the definition an `id` of lowercase letters, digits and dashes.",
    pointer: "/id",
    severity: "error"
  };
}
function fastValue(bytes, kind, validators, blocks) {
  if (bytes.length > MAX_DEFINITION_BYTES) return null;
  let text;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return null;
  }
  let value = blocks?.parse(text) ?? null;
  if (value === null) {
    if (needsFullParser(text)) return null;
    try {
      value = import_js_yaml2.default.load(text, { schema: import_js_yaml2.default.CORE_SCHEMA });
    } catch {
      return null;
    }
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) return null;
  return validators[kind](value) ? value : null;
}
function idOf(value) {
  const id = value && typeof value === "object" && !Array.isArray(value) ? value.id : void 0;
  return typeof id === "string" ? id : null;
}
var import_js_yaml2, UTF8, USABLE_ID;
var init_parse_blob = __esm({
  "src/history/parse-blob.ts"() {
    "use strict";
    import_js_yaml2 = __toESM(require("js-yaml"), 1);
    init_parse_definition();
    init_parse_yaml();
    init_block_yaml();
    init_types();
    UTF8 = new TextDecoder("utf-8", { fatal: true });
    USABLE_ID = DEFINITION_ID;
  }
});

// src/history/schemas-by-commit.ts
function createSchemasByCommit(batch, tip, definitionsDir, historyDir, onDamaged = () => void 0) {
  const prefix = `${definitionsDir}/schema/`;
  const nameOf = new Map(NAMES.map((n) => [`${prefix}${SCHEMA_FILES[n]}`, n]));
  const undo = [];
  const tipBlobs = batch.readMany(NAMES.map((n) => `${tip}:${prefix}${SCHEMA_FILES[n]}`)).then((objects) => Object.fromEntries(NAMES.map((n, i) => [n, objects[i]?.oid ?? null])));
  tipBlobs.catch(() => void 0);
  const keys = /* @__PURE__ */ new Map();
  const blobsOfKey = /* @__PURE__ */ new Map();
  const compiled = /* @__PURE__ */ new Map();
  const keyOf = (blobs) => {
    if (NAMES.every((n) => blobs[n] === null)) return SHIPPED_SCHEMAS;
    const key = (0, import_node_crypto4.createHash)("sha256").update(NAMES.map((n) => `${SCHEMA_FILES[n]}=${blobs[n] ?? "-"}`).join("\n")).digest("hex").slice(0, 16);
    blobsOfKey.set(key, blobs);
    return key;
  };
  return {
    place(commit) {
      const depth = undo.length;
      let changed = null;
      for (const ch of commit.changes) {
        const name = ch.path.startsWith(prefix) ? nameOf.get(ch.path) : void 0;
        if (name) (changed ??= {})[name] = ch.oldBlob;
      }
      if (changed) undo.push(changed);
      return depth;
    },
    keyAt(depth) {
      let key = keys.get(depth);
      if (!key) {
        key = tipBlobs.then((blobs) => {
          const at = { ...blobs };
          for (let i = 0; i < depth; i++) Object.assign(at, undo[i]);
          return keyOf(at);
        });
        keys.set(depth, key);
      }
      return key;
    },
    validators(key) {
      let hit = compiled.get(key);
      if (!hit) {
        hit = key === SHIPPED_SCHEMAS ? Promise.resolve(loadValidators()) : copyOut(key);
        compiled.set(key, hit);
      }
      return hit;
    }
  };
  async function copyOut(key) {
    const dir = import_node_path11.default.join(historyDir, "schema", key);
    const blobs = blobsOfKey.get(key);
    const whole = isWholeCopy(dir, blobs);
    if (whole !== true) {
      if (whole !== "missing")
        onDamaged(`history/schema/${key}/${whole} does not match the blob it was copied from`);
      const objects = await batch.readMany(NAMES.map((n) => blobs[n] ?? "0".repeat(40)));
      (0, import_node_fs11.rmSync)(dir, { recursive: true, force: true });
      ensureDir(dir);
      const oids = {};
      NAMES.forEach((n, i) => {
        const o = objects[i];
        if (blobs[n] === null || !o) return;
        (0, import_node_fs11.writeFileSync)(import_node_path11.default.join(dir, SCHEMA_FILES[n]), o.content);
        oids[SCHEMA_FILES[n]] = blobs[n];
      });
      (0, import_node_fs11.writeFileSync)(import_node_path11.default.join(dir, ".complete"), JSON.stringify(oids));
    }
    return withShippedFallback(loadValidators(dir));
  }
}
function isWholeCopy(dir, blobs) {
  let oids;
  try {
    oids = JSON.parse((0, import_node_fs11.readFileSync)(import_node_path11.default.join(dir, ".complete"), "utf8"));
  } catch {
    return "missing";
  }
  if (oids === null || typeof oids !== "object") return ".complete";
  for (const n of NAMES) {
    const oid = blobs[n];
    if (oid === null) continue;
    if (oids[SCHEMA_FILES[n]] !== oid) return "missing";
    try {
      if (blobId((0, import_node_fs11.readFileSync)(import_node_path11.default.join(dir, SCHEMA_FILES[n])), oid.length) !== oid) return SCHEMA_FILES[n];
    } catch {
      return SCHEMA_FILES[n];
    }
  }
  return true;
}
function blobId(content, hexLength) {
  return (0, import_node_crypto4.createHash)(hexLength === 64 ? "sha256" : "sha1").update(`blob ${content.length}\0`).update(content).digest("hex");
}
function withShippedFallback(validators) {
  const out = {};
  for (const name of NAMES) {
    let chosen;
    Object.defineProperty(out, name, {
      enumerable: true,
      get: () => {
        if (!chosen) {
          try {
            chosen = validators[name];
          } catch {
            chosen = loadValidators()[name];
          }
        }
        return chosen;
      }
    });
  }
  return out;
}
var import_node_crypto4, import_node_fs11, import_node_path11, SHIPPED_SCHEMAS, NAMES;
var init_schemas_by_commit = __esm({
  "src/history/schemas-by-commit.ts"() {
    "use strict";
    import_node_crypto4 = require("node:crypto");
    import_node_fs11 = require("node:fs");
    import_node_path11 = __toESM(require("node:path"), 1);
    init_schemas();
    init_history_store();
    SHIPPED_SCHEMAS = "shipped";
    NAMES = Object.keys(SCHEMA_FILES);
  }
});

// src/history/create-blob-parser.ts
function parsedOf(cache2, key, kind) {
  let byKind = cache2.get(key);
  if (!byKind) cache2.set(key, byKind = /* @__PURE__ */ new Map());
  let byBlob = byKind.get(kind);
  if (!byBlob) byKind.set(kind, byBlob = /* @__PURE__ */ new Map());
  return byBlob;
}
function createBlobParser(options) {
  const { batch, cache: cache2, definitionsDir, schemas } = options;
  const asked = /* @__PURE__ */ new Map();
  const depthOf = /* @__PURE__ */ new Map();
  const keyOfDepth = /* @__PURE__ */ new Map();
  const ready = /* @__PURE__ */ new Map();
  const blocks = createBlockYamlParser();
  let outstanding = 0;
  let failure = null;
  let wake = null;
  const settle = () => {
    if (--outstanding === 0) wake?.();
  };
  const fail = (error) => {
    failure ??= { error };
    settle();
  };
  const store = (key, kind, oid, file, bytes) => {
    try {
      const validators = ready.get(key);
      parsedOf(cache2, key, kind).set(
        oid,
        bytes ? parseBlob(bytes, file, kind, validators, blocks) : missingBlob(file, oid)
      );
    } catch (error) {
      failure ??= { error };
    }
    settle();
  };
  const read = (key, kind, oid, file) => {
    const setName = `${kind}\0${key}`;
    let seen = asked.get(setName);
    if (!seen) asked.set(setName, seen = /* @__PURE__ */ new Set());
    if (seen.has(oid)) return settle();
    seen.add(oid);
    batch.read(oid).then((obj) => {
      const bytes = obj?.content ?? null;
      if (ready.has(key)) store(key, kind, oid, file, bytes);
      else
        schemas.validators(key).then((v) => {
          ready.set(key, v);
          store(key, kind, oid, file, bytes);
        }, fail);
    }, fail);
  };
  const ask = (depth, kind, oid, file) => {
    outstanding++;
    const key = keyOfDepth.get(depth);
    if (key !== void 0) return read(key, kind, oid, file);
    schemas.keyAt(depth).then((k) => {
      keyOfDepth.set(depth, k);
      read(k, kind, oid, file);
    }, fail);
  };
  return {
    want(commit) {
      const depth = schemas.place(commit);
      depthOf.set(commit.sha, depth);
      for (const ch of commit.changes) {
        const kind = kindOfPath(ch.path, definitionsDir);
        if (kind && ch.newBlob) ask(depth, kind, ch.newBlob, ch.path);
      }
    },
    wantSide(kind, blob, file) {
      ask(0, kind, blob, file);
    },
    async done() {
      if (outstanding > 0) await new Promise((resolve) => wake = resolve);
      wake = null;
      if (failure) throw failure.error;
    },
    schemaOf(sha) {
      return keyOfDepth.get(depthOf.get(sha) ?? 0) ?? SHIPPED_SCHEMAS;
    },
    sideSchema() {
      return keyOfDepth.get(0) ?? SHIPPED_SCHEMAS;
    }
  };
}
function missingBlob(file, blob) {
  return {
    ok: false,
    id: null,
    findings: [
      {
        code: "blob-missing",
        file,
        line: 1,
        col: 1,
        message: `blob ${blob} is missing from the repository`,
        hint: "Fetch the full history (a shallow or partial clone lacks old objects).",
        severity: "error"
      }
    ]
  };
}
function scriptFilesNamed(cache2) {
  const out = /* @__PURE__ */ new Set();
  for (const byKind of cache2.values()) {
    for (const parsed of byKind.get("action")?.values() ?? []) {
      if (!parsed.ok) continue;
      const sp = scriptPathOf(parsed.value);
      if (sp !== null) out.add(sp);
    }
  }
  return out;
}
var init_create_blob_parser = __esm({
  "src/history/create-blob-parser.ts"() {
    "use strict";
    init_types();
    init_block_yaml();
    init_fold_types();
    init_parse_blob();
    init_schemas_by_commit();
  }
});

// src/history/fold/after-state.ts
function afterOf(state, holder, before, parsed) {
  const file = state.files[holder];
  if (parsed?.ok) {
    if (file.copy) delete file.copy;
    const problems = problemsOf(parsed.findings);
    return {
      value: parsed.value,
      path: holder,
      blob: file.blob,
      fileBlob: null,
      parsed: true,
      valid: file.valid,
      problems
    };
  }
  if (parsed) {
    return {
      value: before.value,
      path: holder,
      blob: file.blob,
      fileBlob: null,
      parsed: false,
      valid: false,
      problems: problemsOf(parsed.findings)
    };
  }
  if (file.copy && holder !== before?.path) {
    const { value, problems } = file.copy;
    delete file.copy;
    return {
      value,
      path: holder,
      blob: file.blob,
      fileBlob: null,
      parsed: true,
      valid: file.valid,
      problems
    };
  }
  const b = before;
  return {
    value: b.value,
    path: holder,
    blob: b.blob,
    fileBlob: null,
    parsed: b.parsed,
    valid: b.valid,
    problems: b.problems
  };
}
var init_after_state = __esm({
  "src/history/fold/after-state.ts"() {
    "use strict";
    init_fold_types();
  }
});

// src/history/parse-commit-message.ts
function parseCommitMessage(message) {
  const subject = message.split("\n", 1)[0]?.trim() ?? "";
  const { pullRequest, forge } = pullRequestOf(subject, message);
  const coAuthors = [];
  for (const m of message.matchAll(CO_AUTHOR)) {
    coAuthors.push({ name: (m[1] ?? "").trim(), email: (m[2] ?? "").trim() });
  }
  const revertsCommit = REVERTS_COMMIT.exec(message)?.[1]?.toLowerCase() ?? null;
  const audit = REVERTS_AUDIT.exec(message);
  return {
    subject,
    pullRequest,
    forge,
    coAuthors,
    revertsCommit,
    revertsAudit: audit?.[1] && audit[2] ? { id: audit[1], version: Number(audit[2]) } : null
  };
}
function pullRequestOf(subject, message) {
  const forms = [
    ["github", MERGE_PR.exec(subject) ?? SQUASH_PR.exec(subject)],
    ["azure", AZURE_PR.exec(subject)],
    ["bitbucket", BITBUCKET_PR.exec(subject)],
    ["gitlab", GITLAB_MR.exec(message)],
    ["azure", AZURE_PR.exec(message)],
    ["bitbucket", BITBUCKET_PR.exec(message)]
  ];
  for (const [forge, m] of forms) if (m?.[1]) return { pullRequest: Number(m[1]), forge };
  return { pullRequest: null, forge: null };
}
function uniqueUsers(users) {
  const seen = /* @__PURE__ */ new Set();
  return users.filter((u) => {
    const key = u.email.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
var MERGE_PR, SQUASH_PR, GITLAB_MR, BITBUCKET_PR, AZURE_PR, CO_AUTHOR, REVERTS_COMMIT, REVERTS_AUDIT;
var init_parse_commit_message = __esm({
  "src/history/parse-commit-message.ts"() {
    "use strict";
    init_types();
    MERGE_PR = /^Merge pull request #(\d+)\b/;
    SQUASH_PR = /\(#(\d+)\)\s*$/;
    GITLAB_MR = /^See merge request [^\s!]+!(\d+)\s*$/m;
    BITBUCKET_PR = /^Merged in \S+.*\(pull request #(\d+)\)/m;
    AZURE_PR = /^Merged PR (\d+):/m;
    CO_AUTHOR = /^co-authored-by:\s*(.+?)\s*<([^>]+)>\s*$/gim;
    REVERTS_COMMIT = /This reverts commit ([0-9a-f]{7,64})/i;
    REVERTS_AUDIT = new RegExp(
      `^Reverts-Audit:\\s*(${DEFINITION_ID_BODY}(?:/${DEFINITION_ID_BODY})?)@v(\\d+)\\s*$`,
      "im"
    );
  }
});

// src/history/attribute-change.ts
function attribute(commit, paths) {
  const own = commit.facts.coAuthors;
  if (!commit.side) return { user: commit.author, authors: uniqueUsers([commit.author, ...own]) };
  const touching = commit.side.filter((s) => s.paths.some((p) => paths.includes(p)));
  const user = touching[0]?.author ?? commit.author;
  return {
    user,
    authors: uniqueUsers([
      user,
      ...touching.map((s) => s.author),
      ...touching.flatMap((s) => s.coAuthors),
      ...own
    ])
  };
}
var init_attribute_change = __esm({
  "src/history/attribute-change.ts"() {
    "use strict";
    init_parse_commit_message();
  }
});

// src/history/semantic-diff.ts
function escapePointer(segment) {
  if (!segment.includes("~") && !segment.includes("/")) return segment;
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}
function deepEqual(a, b) {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  const aArray = Array.isArray(a);
  if (aArray !== Array.isArray(b)) return false;
  if (aArray) {
    const x = a;
    const y = b;
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!deepEqual(x[i], y[i])) return false;
    return true;
  }
  const ao = a;
  const bo = b;
  let count = 0;
  for (const k in ao) {
    if (!Object.hasOwn(ao, k) || ao[k] === void 0) continue;
    count++;
    if (!Object.hasOwn(bo, k) || !deepEqual(ao[k], bo[k])) return false;
  }
  for (const k in bo) if (Object.hasOwn(bo, k) && bo[k] !== void 0) count--;
  return count === 0;
}
function isPlainObject(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}
function itemKey(items) {
  if (items.length === 0) return null;
  for (const key of ["id", "name"]) {
    const values = items.map((it) => isPlainObject(it) ? it[key] : void 0);
    if (values.every((v) => typeof v === "string") && new Set(values).size === values.length) return key;
  }
  return null;
}
function diffValues(before, after, pointer = "") {
  const changes = {};
  collect(before, after, pointer, changes);
  return changes;
}
function collect(a, b, pointer, out) {
  if (deepEqual(a, b)) return;
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = [...Object.keys(a), ...Object.keys(b).filter((k) => !Object.hasOwn(a, k))];
    for (const k of keys) {
      const x = a[k] ?? null;
      const y = b[k] ?? null;
      if (x !== y) collect(x, y, `${pointer}/${escapePointer(k)}`, out);
    }
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const key = sharedItemKey(a, b);
    if (key) {
      collectKeyed(a, b, key, pointer, out);
      return;
    }
  }
  out[pointer] = [a ?? null, b ?? null];
}
function sharedItemKey(a, b) {
  const ka = a.length > 0 ? itemKey(a) : void 0;
  const kb = b.length > 0 ? itemKey(b) : void 0;
  if (ka === null || kb === null) return null;
  if (ka === void 0) return kb ?? null;
  if (kb === void 0) return ka;
  return ka === kb ? ka : null;
}
function collectKeyed(a, b, key, pointer, out) {
  const oldKeys = a.map((it) => String(it[key]));
  const newKeys = b.map((it) => String(it[key]));
  const common = new Set(oldKeys.filter((k) => newKeys.includes(k)));
  const oldOrder = oldKeys.filter((k) => common.has(k));
  const newOrder = newKeys.filter((k) => common.has(k));
  if (oldOrder.some((k, i) => newOrder[i] !== k)) out[pointer] = [oldKeys, newKeys];
  const byKey = (list, k) => list.find((it) => String(it[key]) === k) ?? null;
  for (const k of [...oldKeys, ...newKeys.filter((n) => !oldKeys.includes(n))]) {
    collect(byKey(a, k), byKey(b, k), `${pointer}/${escapePointer(k)}`, out);
  }
}
var init_semantic_diff = __esm({
  "src/history/semantic-diff.ts"() {
    "use strict";
  }
});

// src/history/fold/audited-value.ts
function stepsOf(value) {
  let out = stepsCache.get(value);
  if (!out) {
    const steps = Array.isArray(value.steps) ? value.steps : [];
    const seen = /* @__PURE__ */ new Set();
    out = steps.filter((s) => {
      if (s === null || typeof s !== "object" || Array.isArray(s)) return false;
      const id = s.id;
      if (typeof id !== "string" && typeof id !== "number") return false;
      return !seen.has(String(id)) && Boolean(seen.add(String(id)));
    });
    stepsCache.set(value, out);
  }
  return out;
}
function augment(value, fileBlob) {
  if (scriptPathOf(value) === null) return value;
  return { ...value, script: { ...value.script, file_blob: fileBlob } };
}
function shapeOf(kind, value, fileBlob) {
  if (kind === "runbook") return { ...value, steps: stepsOf(value).map((s) => String(s.id)) };
  return augment(value, fileBlob);
}
var stepsCache;
var init_audited_value = __esm({
  "src/history/fold/audited-value.ts"() {
    "use strict";
    init_fold_types();
    stepsCache = /* @__PURE__ */ new WeakMap();
  }
});

// src/history/credit-pointers.ts
function creditPointers(commit, kind, paths, pointers, ctx) {
  const side = commit.side ?? [];
  return pointers.map((pointer) => {
    for (const sc of side) {
      for (const ch of sc.changes) {
        if (!paths.includes(ch.path)) continue;
        const set = changedBy(sc, ch, kind, ctx);
        if (set === "all" || pointer === "" || set.some((k) => related(k, pointer))) {
          return { name: sc.author.name, email: sc.author.email, commit: sc.sha };
        }
      }
    }
    return { name: commit.author.name, email: commit.author.email, commit: commit.sha };
  });
}
function related(a, b) {
  return a === b || b.startsWith(`${a}/`) || a.startsWith(`${b}/`);
}
function changedBy(sc, ch, kind, ctx) {
  let byPath = changedCache.get(sc);
  if (!byPath) changedCache.set(sc, byPath = /* @__PURE__ */ new Map());
  let set = byPath.get(ch.path);
  if (set === void 0) {
    if (kindOfPath(ch.path, ctx.definitionsDir) === null) set = ["/script/file_blob"];
    else {
      const old = ch.oldBlob ? ctx.sideValue?.(kind, ch.oldBlob) ?? null : null;
      const now = ch.newBlob ? ctx.sideValue?.(kind, ch.newBlob) ?? null : null;
      set = old && now ? Object.keys(diffValues(old, now)) : "all";
    }
    byPath.set(ch.path, set);
  }
  return set;
}
var changedCache;
var init_credit_pointers = __esm({
  "src/history/credit-pointers.ts"() {
    "use strict";
    init_types();
    init_semantic_diff();
    changedCache = /* @__PURE__ */ new WeakMap();
  }
});

// src/history/fold/push-event.ts
function pushEvent(shared, type, auditableId, action, version, changes, filePath, blob, validity) {
  const { commit, ctx, revert } = shared;
  const partial = ctx.partial === true;
  if (partial && action === "create" && version === 1) {
    action = "update";
    changes = diffValues({}, changes);
  }
  const restores = revert.restores && revert.restores.type === type && revert.restores.id === auditableId ? { version: revert.restores.version, commit: revert.restores.commit } : null;
  shared.out.events.push({
    id: stableId(commit.sha, type, auditableId),
    auditable_type: type,
    auditable_id: auditableId,
    action,
    version,
    audited_changes: changes,
    user: shared.who.user,
    commit: commit.sha,
    created_at: commit.createdAt,
    path: filePath,
    message: commit.facts.subject,
    pull_request: commit.facts.pullRequest,
    revert_of: revert.of,
    blob,
    authors: shared.who.authors,
    committer: commit.committer,
    valid: validity.valid,
    problems: validity.problems,
    changed_by: commit.side ? creditOf(shared, type, auditableId, action, changes) : null,
    merged_by: commit.side ? commit.committer : null,
    restores,
    partial,
    forge: commit.facts.forge,
    approvals: null
  });
}
function creditOf(shared, type, auditableId, action, changes) {
  const stepPrefix = type === "Runbook::Step" ? `/steps/${auditableId.slice(auditableId.indexOf("/") + 1)}` : "";
  const pointers = action === "update" ? Object.keys(changes) : [""];
  const credits = creditPointers(
    shared.commit,
    shared.kind,
    shared.paths,
    pointers.map((p) => stepPrefix + p),
    shared.ctx
  );
  const out = {};
  pointers.forEach((p, i) => out[p] = credits[i]);
  return out;
}
var VALID;
var init_push_event = __esm({
  "src/history/fold/push-event.ts"() {
    "use strict";
    init_credit_pointers();
    init_fold_types();
    init_semantic_diff();
    VALID = { valid: true, problems: [] };
  }
});

// src/history/fold/fold-steps.ts
function foldSteps(shared, runbookId, before, after, file, validity) {
  const { state, commit } = shared;
  const beforeById = new Map(before.map((s) => [String(s.id), s]));
  const afterById = new Map(after.map((s) => [String(s.id), s]));
  const ids = [...beforeById.keys()];
  for (const id of afterById.keys()) if (!beforeById.has(id)) ids.push(id);
  const filePath = file?.path ?? shared.state.objects[definitionKey("runbook", runbookId)].path;
  const blob = file?.blob ?? null;
  for (const stepId of ids) {
    const b = beforeById.get(stepId) ?? null;
    const a = afterById.get(stepId) ?? null;
    if (b !== null && b === a) continue;
    const auditableId = `${runbookId}/${stepId}`;
    const step = state.steps[auditableId];
    if (!b && a) {
      const version = (step?.version ?? 0) + 1;
      state.steps[auditableId] = { version, live: true, commit: commit.sha };
      pushEvent(shared, "Runbook::Step", auditableId, "create", version, a, filePath, blob, validity);
    } else if (b && !a && step) {
      step.version += 1;
      step.live = false;
      step.commit = commit.sha;
      pushEvent(shared, "Runbook::Step", auditableId, "delete", step.version, b, filePath, null, VALID);
    } else if (b && a && step) {
      const changes = diffValues(b, a);
      if (Object.keys(changes).length === 0) continue;
      step.version += 1;
      step.commit = commit.sha;
      pushEvent(
        shared,
        "Runbook::Step",
        auditableId,
        "update",
        step.version,
        changes,
        filePath,
        blob,
        validity
      );
    }
  }
}
var init_fold_steps = __esm({
  "src/history/fold/fold-steps.ts"() {
    "use strict";
    init_fold_types();
    init_semantic_diff();
    init_push_event();
  }
});

// src/history/fold/emit-change.ts
function emitChange(state, commit, ctx, kind, id, key, before, after, out, revert) {
  if (!before && !after) return;
  const type = TYPE_OF_KIND[kind];
  const relevant = [before?.path, after?.path, after ? scriptPathOf(after.value) : null].filter(
    (p) => typeof p === "string"
  );
  const who = attribute(commit, relevant);
  const prev = state.objects[key];
  const version = prev?.version ?? 0;
  const shared = { kind, who, commit, ctx, out, state, revert, paths: relevant };
  if (!before && after) {
    const obj = setObject(state, key, type, id, version + 1, after, commit.sha);
    const whole = augment(after.value, after.fileBlob);
    const validity2 = { valid: after.valid, problems: after.problems };
    pushEvent(shared, type, id, "create", obj.version, whole, after.path, after.blob, validity2);
    if (kind === "runbook") foldSteps(shared, id, [], stepsOf(after.value), after, validity2);
    pushState(shared, key, obj, after);
    return;
  }
  if (before && !after) {
    before.version += 1;
    before.live = false;
    before.commit = commit.sha;
    const whole = augment(before.value, before.fileBlob);
    pushEvent(shared, type, id, "delete", before.version, whole, before.path, null, VALID);
    if (kind === "runbook") foldSteps(shared, id, stepsOf(before.value), [], null, VALID);
    out.states.push(stateRecord(key, commit, before.version, null, before.path, null, null));
    return;
  }
  const b = before;
  const a = after;
  const changes = a.parsed ? diffValues(shapeOf(kind, b.value, b.fileBlob), shapeOf(kind, a.value, a.fileBlob)) : {};
  if (b.path !== a.path) changes["/__path"] = [b.path, a.path];
  const changed = Object.keys(changes).length > 0 || !a.parsed && a.blob !== b.blob || a.parsed && !b.parsed && a.blob !== b.blob;
  const validity = { valid: a.valid, problems: a.problems };
  if (changed) {
    b.version += 1;
    b.commit = commit.sha;
    pushEvent(shared, type, id, "update", b.version, changes, a.path, a.blob, validity);
  }
  if (kind === "runbook" && a.parsed) foldSteps(shared, id, stepsOf(b.value), stepsOf(a.value), a, validity);
  if (changed || b.blob !== a.blob || b.fileBlob !== a.fileBlob) {
    b.value = a.value;
    b.path = a.path;
    b.blob = a.blob;
    b.fileBlob = a.fileBlob;
    b.parsed = a.parsed;
    b.valid = a.valid;
    b.problems = a.problems;
    pushState(shared, key, b, a);
  }
}
function setObject(state, key, type, id, version, after, commit) {
  const obj = {
    type,
    id,
    version,
    live: true,
    path: after.path,
    blob: after.blob,
    value: after.value,
    fileBlob: after.fileBlob,
    parsed: after.parsed,
    valid: after.valid,
    problems: after.problems,
    commit
  };
  state.objects[key] = obj;
  return obj;
}
function pushState(shared, key, obj, after) {
  shared.out.states.push(
    stateRecord(
      key,
      shared.commit,
      obj.version,
      after.blob,
      after.path,
      after.fileBlob,
      after.parsed ? after.value : null,
      after.valid
    )
  );
}
function stateRecord(key, commit, version, blob, filePath, fileBlob, value, valid = true) {
  return {
    key,
    seq: commit.seq,
    commit: commit.sha,
    created_at: commit.createdAt,
    version,
    blob,
    path: filePath,
    file_blob: fileBlob,
    value,
    valid
  };
}
var init_emit_change = __esm({
  "src/history/fold/emit-change.ts"() {
    "use strict";
    init_types();
    init_attribute_change();
    init_fold_types();
    init_semantic_diff();
    init_audited_value();
    init_fold_steps();
    init_push_event();
  }
});

// src/history/fold/invalid-entry.ts
function addFindings(out, entry) {
  const same = out.invalid.find((e) => e.path === entry.path);
  if (same) same.findings.push(...entry.findings);
  else out.invalid.push(entry);
}
function invalidEntry(commit, kind, auditableId, filePath, findings, paths) {
  return {
    id: stableId(commit.sha, "invalid", filePath),
    action: "invalid",
    auditable_type: TYPE_OF_KIND[kind],
    auditable_id: auditableId,
    path: filePath,
    commit: commit.sha,
    created_at: commit.createdAt,
    user: attribute(commit, paths).user,
    message: commit.facts.subject,
    findings: findings.map((f) => ({ ...f, file: filePath }))
  };
}
var init_invalid_entry = __esm({
  "src/history/fold/invalid-entry.ts"() {
    "use strict";
    init_types();
    init_attribute_change();
    init_fold_types();
  }
});

// src/history/fold/find-holder.ts
function findHolder(state, kind, id, before, fresh, defChanges, commit, out) {
  const claims = (p) => {
    const f = state.files[p];
    return f !== void 0 && f.kind === kind && f.id === id;
  };
  let holder = before && claims(before.path) ? before.path : null;
  if (holder === null) {
    let best = null;
    for (const p in state.files) {
      const f = state.files[p];
      if (f.kind !== kind || f.id !== id || !(fresh.get(p)?.ok || f.copy)) continue;
      const b = best === null ? null : state.files[best];
      if (b === null || f.valid && !b.valid || f.valid === b.valid && (f.since < b.since || f.since === b.since && p < best)) {
        best = p;
      }
    }
    holder = best;
  }
  for (const c of defChanges) {
    const f = state.files[c.path];
    const parsed = fresh.get(c.path);
    if (c.path === holder || !f || !claims(c.path) || !parsed?.ok) continue;
    f.copy = { value: parsed.value, problems: problemsOf(parsed.findings) };
    if (holder === null || f.since !== commit.seq) continue;
    addFindings(
      out,
      invalidEntry(
        commit,
        kind,
        id,
        c.path,
        [
          {
            code: "duplicate_id",
            file: c.path,
            line: 1,
            col: 1,
            message: `id "${id}" is already defined in ${holder}`,
            hint: "Give each definition its own id; history follows the file that held it first.",
            pointer: "/id",
            severity: "error"
          }
        ],
        [c.path]
      )
    );
  }
  return holder;
}
var init_find_holder = __esm({
  "src/history/fold/find-holder.ts"() {
    "use strict";
    init_fold_types();
    init_invalid_entry();
  }
});

// src/history/fold/revert-facts.ts
function revertFacts(state, commit, ctx) {
  if (commit.revertsCommit) return { of: commit.revertsCommit, restores: null };
  const audit = commit.facts.revertsAudit;
  if (!audit) return { of: null, restores: null };
  const made = ctx.versionCommit(audit.id, audit.version);
  for (const kind of ["action", "runbook", "role"]) {
    const obj = state.objects[definitionKey(kind, audit.id)];
    if (obj) return restoring(TYPE_OF_KIND[kind], audit, obj.commit, made);
  }
  const step = state.steps[audit.id];
  if (step) return restoring("Runbook::Step", audit, step.commit, made);
  return { of: made, restores: null };
}
function restoring(type, audit, current, made) {
  return {
    of: current,
    restores: made === null ? null : { type, id: audit.id, version: audit.version, commit: made }
  };
}
var init_revert_facts = __esm({
  "src/history/fold/revert-facts.ts"() {
    "use strict";
    init_types();
    init_fold_types();
  }
});

// src/history/fold-history.ts
function foldCommit(state, commit, ctx) {
  const out = { seq: commit.seq, events: [], states: [], invalid: [], missingScripts: [] };
  const touched = [];
  const touch = (key) => void (touched.includes(key) || touched.push(key));
  const fresh = /* @__PURE__ */ new Map();
  let changedScripts = null;
  const { changes } = commit;
  const kinds = [];
  const defChanges = [];
  for (const c of changes) {
    const kind = kindOfPath(c.path, ctx.definitionsDir);
    kinds.push(kind);
    if (kind !== null) defChanges.push(c);
    else if (Object.hasOwn(state.scripts, c.path)) {
      state.scripts[c.path] = c.newBlob;
      (changedScripts ??= /* @__PURE__ */ new Set()).add(c.path);
    }
  }
  const revert = revertFacts(state, commit, ctx);
  for (let i = 0; i < changes.length; i++) {
    const kind = kinds[i];
    if (!kind) continue;
    const c = changes[i];
    const old = state.files[c.path];
    if (old?.id) touch(definitionKey(kind, old.id));
    if (c.newBlob === null) {
      delete state.files[c.path];
      continue;
    }
    const parsed = ctx.parse(kind, c.newBlob, c.path, commit.schema);
    fresh.set(c.path, parsed);
    if (parsed.ok) {
      const id = String(parsed.value.id);
      const valid = parsed.findings.length === 0;
      const since = old?.id === id ? old.since : commit.seq;
      state.files[c.path] = { kind, id, blob: c.newBlob, parsed: true, valid, since };
      touch(definitionKey(kind, id));
      if (!valid) out.invalid.push(invalidEntry(commit, kind, id, c.path, parsed.findings, [c.path]));
    } else {
      const id = old?.id ?? null;
      state.files[c.path] = {
        kind,
        id,
        blob: c.newBlob,
        parsed: false,
        valid: false,
        since: old?.since ?? 0
      };
      out.invalid.push(invalidEntry(commit, kind, id ?? parsed.id, c.path, parsed.findings, [c.path]));
    }
  }
  if (changedScripts !== null) {
    for (const key in state.objects) {
      const obj = state.objects[key];
      if (obj.type !== "Action" || !obj.live) continue;
      const sp = scriptPathOf(obj.value);
      if (sp !== null && changedScripts.has(sp)) touch(key);
    }
  }
  for (const key of touched) {
    const sep = key.indexOf(":");
    const kind = key.slice(0, sep);
    const id = key.slice(sep + 1);
    const obj = state.objects[key];
    const before = obj?.live ? obj : null;
    const holder = findHolder(state, kind, id, before, fresh, defChanges, commit, out);
    let after = null;
    if (holder !== null) {
      after = afterOf(state, holder, before, fresh.get(holder));
      const sp = kind === "action" ? scriptPathOf(after.value) : null;
      if (sp !== null) {
        if (Object.hasOwn(state.scripts, sp)) after.fileBlob = state.scripts[sp] ?? null;
        else if (!out.missingScripts.includes(sp)) out.missingScripts.push(sp);
      }
    }
    emitChange(state, commit, ctx, kind, id, key, before, after, out, revert);
  }
  state.seq = commit.seq;
  return out;
}
var init_fold_history = __esm({
  "src/history/fold-history.ts"() {
    "use strict";
    init_types();
    init_fold_types();
    init_after_state();
    init_emit_change();
    init_find_holder();
    init_invalid_entry();
    init_revert_facts();
    init_fold_types();
    init_attribute_change();
  }
});

// src/history/prepare-fold-commits.ts
async function toFoldCommits(log, seqOf, sides, others, batch, schemaOf, matters) {
  const out = [];
  for (const c of log) {
    const facts = parseCommitMessage(c.message);
    let side = null;
    if (c.parents.length > 1) {
      side = (sides.get(c.sha) ?? []).map((sha) => others.get(sha)).filter((s) => s !== void 0).map((s) => ({
        sha: s.sha,
        author: { name: s.author.name, email: s.author.email },
        committedAt: s.committer.date,
        coAuthors: parseCommitMessage(s.message).coAuthors,
        // A merge inside the side branch touched nothing itself (its first-parent diff is what it merged).
        paths: s.parents.length > 1 ? [] : s.changes.map((ch) => ch.path),
        changes: s.parents.length > 1 ? [] : s.changes.filter((ch) => matters(ch.path))
      })).sort((a, b) => Date.parse(b.committedAt) - Date.parse(a.committedAt));
    }
    out.push({
      seq: seqOf.get(c.sha) ?? 0,
      sha: c.sha,
      createdAt: c.committer.date,
      author: { name: c.author.name, email: c.author.email },
      committer: { name: c.committer.name, email: c.committer.email },
      facts,
      revertsCommit: await resolveCommit(batch, facts.revertsCommit),
      side,
      schema: schemaOf(c.sha),
      changes: c.changes
    });
  }
  return out;
}
async function resolveCommit(batch, name) {
  if (!name) return null;
  if (/^[0-9a-f]{40}$/.test(name)) return name;
  const obj = await batch.read(`${name}^{commit}`);
  return obj?.oid ?? name;
}
var init_prepare_fold_commits = __esm({
  "src/history/prepare-fold-commits.ts"() {
    "use strict";
    init_parse_commit_message();
  }
});

// src/history/write-index.ts
function writeIndex(historyDir, update) {
  const { previous, run } = update;
  const incremental = update.incremental && previous !== null;
  const generation = incremental ? previous.generation : (previous?.generation ?? 0) + 1;
  const genDir = generationDir(historyDir, generation);
  if (!incremental) (0, import_node_fs12.rmSync)(genDir, { recursive: true, force: true });
  ensureDir(genDir);
  const put = incremental ? writeAtomic : (file, content) => (0, import_node_fs12.writeFileSync)(file, content);
  const baseSeq = incremental ? previous.seq : 0;
  const seq = baseSeq + run.chain.length;
  const previousTable = incremental ? readTable(genDir, previous.seq) : null;
  if (incremental && !previousTable) throw damaged("its table of definition files is missing");
  const files = /* @__PURE__ */ new Map();
  const fileFor = (kind, id) => {
    const key = `${kind}:${id}`;
    let entry = files.get(key);
    if (!entry) {
      const text = previousTable ? readRecord(genDir, previousTable, kind, id) : null;
      let stored = null;
      try {
        stored = text === null ? null : decodeDefinitionFile(text);
      } catch (cause) {
        throw damaged(`the record of ${kind} ${id} is unreadable`, cause);
      }
      const file = {
        kind,
        id,
        events: (stored?.events ?? []).filter((e) => e.seq <= baseSeq),
        states: (stored?.states ?? []).filter((s) => s.seq <= baseSeq),
        values: stored?.values ?? {},
        parts: stored?.parts ?? []
      };
      entry = { file, encoder: createValueEncoder(file.parts) };
      files.set(key, entry);
    }
    return entry;
  };
  const invalid2 = [];
  for (const output of run.outputs) {
    output.events.forEach((event, ord) => {
      const [kind, id] = fileKeyOf(event.auditable_type, event.auditable_id);
      fileFor(kind, id).file.events.push({ seq: output.seq, ord, event });
    });
    for (const s of output.states) {
      const sep = s.key.indexOf(":");
      const { file, encoder } = fileFor(s.key.slice(0, sep), s.key.slice(sep + 1));
      file.states.push({
        seq: s.seq,
        commit: s.commit,
        created_at: s.created_at,
        version: s.version,
        blob: s.blob,
        path: s.path,
        file_blob: s.file_blob,
        valid: s.valid
      });
      if (s.blob && s.value && !Object.hasOwn(file.values, s.blob)) {
        file.values[s.blob] = encoder.encode(s.value);
      }
    }
    for (const entry of output.invalid) {
      invalid2.push({ seq: output.seq, entry });
    }
  }
  const records = [];
  for (const { file } of files.values()) {
    if (incremental) {
      const used = new Set(file.states.map((s) => s.blob));
      for (const blob of Object.keys(file.values)) if (!used.has(blob)) delete file.values[blob];
    }
    records.push({ kind: file.kind, id: file.id, text: encodeDefinitionFile(file) });
  }
  const table = writePack(genDir, previousTable, records, put);
  put(tableFile(genDir, seq), JSON.stringify(table));
  if (!incremental || invalid2.length > 0) {
    const stored = incremental ? readJson(import_node_path12.default.join(genDir, "invalid.json")) ?? [] : [];
    const kept = stored.filter((i) => i.seq <= baseSeq);
    put(import_node_path12.default.join(genDir, "invalid.json"), JSON.stringify([...kept, ...invalid2]));
  }
  const listFile = commitsFile(genDir);
  if (incremental) {
    (0, import_node_fs12.truncateSync)(listFile, baseSeq * COMMIT_LINE);
    (0, import_node_fs12.appendFileSync)(listFile, formatCommitLines(run.chain));
  } else {
    put(listFile, formatCommitLines(run.chain));
  }
  const stateFile = `state-${seq}.json`;
  put(import_node_path12.default.join(genDir, stateFile), JSON.stringify({ ...run.state, seq }));
  const meta = {
    format: INDEX_FORMAT,
    branch: update.branch,
    definitionsDir: update.definitionsDir,
    schemaKey: update.schemaKey,
    ...update.partial ? { partial: true } : {},
    tip: update.tip,
    seq,
    generation,
    stateFile,
    scripts: run.scripts
  };
  writeMeta(historyDir, meta);
  removeStalePacks(genDir, table, seq);
  if (incremental && previous.stateFile !== stateFile) {
    (0, import_node_fs12.rmSync)(import_node_path12.default.join(genDir, previous.stateFile), { force: true });
  }
  if (!incremental && previous && previous.generation !== generation) {
    (0, import_node_fs12.rmSync)(generationDir(historyDir, previous.generation), { recursive: true, force: true });
  }
  return meta;
}
function damaged(what, cause) {
  return new OpsledgerError("HISTORY_INDEX_CORRUPT", `the history index is damaged: ${what}`, { cause });
}
function fileKeyOf(type, auditableId) {
  if (type === "Runbook::Step") return ["runbook", auditableId.split("/")[0]];
  if (type === "Runbook") return ["runbook", auditableId];
  if (type === "Role") return ["role", auditableId];
  return ["action", auditableId];
}
var import_node_fs12, import_node_path12;
var init_write_index = __esm({
  "src/history/write-index.ts"() {
    "use strict";
    import_node_fs12 = require("node:fs");
    import_node_path12 = __toESM(require("node:path"), 1);
    init_opsledger_error();
    init_definition_file_codec();
    init_definition_pack();
    init_value_table();
    init_history_store();
  }
});

// src/history/update-history.ts
var update_history_exports = {};
__export(update_history_exports, {
  updateHistory: () => updateHistory
});
async function updateHistory(historyDir, meta, tip, options) {
  const batch = lazyCatFileBatch(options.repo);
  try {
    if (tip === null) {
      return finish(historyDir, meta, { base: null, loadState: createFoldState }, tip, emptyRun(), options);
    }
    const extendable = meta !== null && meta.tip !== null && meta.branch === options.branch && meta.definitionsDir === options.definitionsDir && (meta.partial ?? false) === (options.partial ?? false);
    const damage = extendable ? indexDamage(historyDir, meta) : null;
    if (damage)
      options.onWarning?.(`history: the index is damaged (${damage}); it is not trusted and is rebuilt`);
    const intact = extendable && damage === null && hasCommitList(historyDir, meta) && hasTable(historyDir, meta);
    const state = intact ? readFoldState(historyDir, meta) : null;
    if (meta && state) {
      let first = state;
      const plan2 = {
        base: meta,
        loadState: () => {
          const fresh = first ?? readFoldState(historyDir, meta);
          first = null;
          if (!fresh)
            throw new OpsledgerError("HISTORY_INDEX_CORRUPT", "the history index changed while read");
          return fresh;
        }
      };
      const run2 = await runFold(historyDir, plan2, tip, batch, options);
      if (run2 !== "rewritten") {
        try {
          return await finish(historyDir, meta, plan2, tip, run2, options);
        } catch (err) {
          if (!(err instanceof OpsledgerError && err.code === "HISTORY_INDEX_CORRUPT")) throw err;
        }
      }
    }
    const plan = { base: null, loadState: createFoldState };
    const run = await runFold(historyDir, plan, tip, batch, options);
    if (run === "rewritten")
      throw new OpsledgerError("INTERNAL", "history of the tracked branch could not be read");
    if (meta) options.beforeReplace?.(meta, run.chain);
    return finish(historyDir, meta, plan, tip, run, options);
  } finally {
    await batch.close();
  }
}
function lazyCatFileBatch(repo) {
  let real = null;
  const get = () => real ??= openCatFileBatch(repo);
  return {
    read: (name) => get().read(name),
    readMany: (names) => get().readMany(names),
    close: async () => {
      if (real) await real.close();
    }
  };
}
function hasCommitList(historyDir, meta) {
  try {
    return (0, import_node_fs13.statSync)(commitsFile(generationDir(historyDir, meta.generation))).size >= meta.seq * COMMIT_LINE;
  } catch {
    return false;
  }
}
function indexDamage(historyDir, meta) {
  const files = checkIndexFiles(historyDir, meta);
  if (files) return files;
  const genDir = generationDir(historyDir, meta.generation);
  const table = readTable(genDir, meta.seq);
  return table ? checkPack(genDir, table) : `history/gen-${meta.generation}/${import_node_path13.default.basename(tableFile(genDir, meta.seq))} is unreadable`;
}
function hasTable(historyDir, meta) {
  return (0, import_node_fs13.existsSync)(tableFile(generationDir(historyDir, meta.generation), meta.seq));
}
function versionCommitsOf(historyDir, base) {
  const cache2 = /* @__PURE__ */ new Map();
  let table;
  return (type, id, version) => {
    if (!base) return null;
    const [kind, fileId] = fileKeyOf(type, id);
    const key = `${kind}:${fileId}`;
    if (!cache2.has(key)) {
      const genDir = generationDir(historyDir, base.generation);
      table ??= readTable(genDir, base.seq);
      let file = null;
      try {
        const text = table ? readRecord(genDir, table, kind, fileId) : null;
        file = text === null ? null : decodeDefinitionFile(text);
      } catch {
      }
      cache2.set(key, file);
    }
    const hit = cache2.get(key)?.events.find(
      (e) => e.seq <= base.seq && e.event.auditable_type === type && e.event.auditable_id === id && e.event.version === version
    );
    return hit?.event.commit ?? null;
  };
}
function madeInRun(outputs, type, id, version) {
  for (let i = outputs.length - 1; i >= 0; i--) {
    for (const e of outputs[i].events) {
      if (e.auditable_type === type && e.auditable_id === id && e.version === version) return e.commit;
    }
  }
  return null;
}
function wantSideBlobs(parser, sides, others, definitionsDir) {
  for (const shas of sides.values()) {
    for (const sha of shas) {
      const c = others.get(sha);
      if (!c || c.parents.length > 1) continue;
      for (const ch of c.changes) {
        const kind = kindOfPath(ch.path, definitionsDir);
        if (!kind) continue;
        if (ch.oldBlob) parser.wantSide(kind, ch.oldBlob, ch.path);
        if (ch.newBlob) parser.wantSide(kind, ch.newBlob, ch.path);
      }
    }
  }
}
function relevantChanges(log, matters) {
  const out = [];
  for (const c of log) {
    if (c.changes.every((ch) => matters(ch.path))) {
      if (c.changes.length > 0) out.push(c);
      continue;
    }
    const changes = c.changes.filter((ch) => matters(ch.path));
    if (changes.length > 0) out.push({ ...c, changes });
  }
  return out;
}
function emptyRun() {
  return { outputs: [], state: createFoldState(), chain: [], scripts: [], schemaKey: SHIPPED_SCHEMAS };
}
async function finish(historyDir, previous, plan, tip, run, options) {
  const rebuilt = plan.base === null;
  const meta = writeIndex(historyDir, {
    previous,
    incremental: !rebuilt,
    tip,
    branch: options.branch,
    definitionsDir: options.definitionsDir,
    schemaKey: run.schemaKey,
    partial: options.partial ?? false,
    run
  });
  return { meta, stats: { tip, newCommits: run.chain.length, rebuilt } };
}
async function runFold(historyDir, plan, tip, batch, options) {
  const baseTip = plan.base?.tip ?? null;
  const scripts = new Set(plan.base?.scripts ?? []);
  const baseVersionCommit = versionCommitsOf(historyDir, plan.base);
  const parseCache = /* @__PURE__ */ new Map();
  const parser = createBlobParser({
    batch,
    schemas: createSchemasByCommit(
      batch,
      tip,
      options.definitionsDir,
      historyDir,
      (what) => options.onWarning?.(`history: the index is damaged (${what}); it is not trusted and is rebuilt`)
    ),
    definitionsDir: options.definitionsDir,
    cache: parseCache
  });
  const { chain, others, joinsBase } = await readBranchLog(options.repo, {
    tip,
    base: baseTip,
    onChainCommit: (c) => parser.want(c)
  });
  if (!joinsBase) {
    await parser.done();
    return "rewritten";
  }
  const sides = collectSideCommits(chain, others);
  const definitionsPrefix = `${options.definitionsDir}/`;
  wantSideBlobs(parser, sides, others, options.definitionsDir);
  await parser.done();
  for (const sp of scriptFilesNamed(parseCache)) scripts.add(sp);
  const baseSeq = plan.base?.seq ?? 0;
  const seqOf = new Map(chain.map((c, i) => [c.sha, baseSeq + i + 1]));
  for (let attempt = 0; ; attempt++) {
    const log = relevantChanges(chain, (p) => p.startsWith(definitionsPrefix) || scripts.has(p));
    const state = plan.loadState();
    for (const sp of scripts) {
      if (!Object.hasOwn(state.scripts, sp)) {
        state.scripts[sp] = baseTip ? (await batch.read(`${baseTip}:${sp}`))?.oid ?? null : null;
      }
    }
    const matters = (p) => p.startsWith(definitionsPrefix) || scripts.has(p);
    const commits = await toFoldCommits(log, seqOf, sides, others, batch, parser.schemaOf, matters);
    const outputs = [];
    const missing = /* @__PURE__ */ new Set();
    const sideCache = parseCache.get(parser.sideSchema());
    const ctx = {
      definitionsDir: options.definitionsDir,
      parse: (kind, blob, _file, schema) => parseCache.get(schema).get(kind).get(blob),
      sideValue: (kind, blob) => {
        const parsed = sideCache?.get(kind)?.get(blob);
        return parsed?.ok ? parsed.value : null;
      },
      partial: options.partial ?? false,
      // Asked only by a `Reverts-Audit:` trailer: a scan of what this run folded so far, then the base index.
      versionCommit: (id, version) => {
        for (const type of AUDITABLE_TYPES) {
          const sha = madeInRun(outputs, type, id, version) ?? baseVersionCommit(type, id, version);
          if (sha) return sha;
        }
        return null;
      }
    };
    const total = commits.length;
    const report = options.onProgress && total >= 200 ? options.onProgress : void 0;
    report?.("start", 0, total);
    commits.forEach((commit, i) => {
      const output = foldCommit(state, commit, ctx);
      output.missingScripts.forEach((s) => missing.add(s));
      outputs.push(output);
      if (report && (i % 50 === 0 || i === total - 1)) report("tick", i + 1, total);
    });
    report?.("stop", total, total);
    const fresh = [...missing].filter((s) => !scripts.has(s));
    if (fresh.length === 0 || attempt >= 3) {
      return { outputs, state, chain, scripts: [...scripts].sort(), schemaKey: parser.sideSchema() };
    }
    fresh.forEach((s) => scripts.add(s));
  }
}
var import_node_fs13, import_node_path13;
var init_update_history = __esm({
  "src/history/update-history.ts"() {
    "use strict";
    import_node_fs13 = require("node:fs");
    import_node_path13 = __toESM(require("node:path"), 1);
    init_cat_file_batch();
    init_read_branch_log();
    init_opsledger_error();
    init_collect_side_commits();
    init_types();
    init_create_blob_parser();
    init_definition_file_codec();
    init_definition_pack();
    init_fold_history();
    init_fold_types();
    init_history_store();
    init_prepare_fold_commits();
    init_schemas_by_commit();
    init_write_index();
    init_types();
  }
});

// src/history/record-rewrite.ts
var record_rewrite_exports = {};
__export(record_rewrite_exports, {
  recordRewrite: () => recordRewrite
});
function recordRewrite(historyDir, check) {
  const { previous, chain } = check;
  if (previous.tip === null || previous.branch !== check.branch) return null;
  if (previous.definitionsDir !== check.definitionsDir) return null;
  const kept = new Set(chain.map((c) => c.sha));
  if (kept.has(previous.tip)) return null;
  const { events, complete } = readLostEvents(historyDir, previous, kept);
  const newHead = chain.at(-1)?.sha ?? "";
  const record = {
    format: REWRITES_FORMAT,
    record: "history_rewritten",
    id: stableId(check.branch, previous.tip, newHead),
    branch: check.branch,
    old_head: previous.tip,
    new_head: newHead,
    detected_at: new Date(check.now()).toISOString(),
    events_lost: events.length,
    events,
    complete
  };
  try {
    appendRewrite(historyDir, record);
  } catch (cause) {
    throw new OpsledgerError(
      "STATE_UNAVAILABLE",
      `cannot record the rewrite of ${check.branch}: ${String(cause)}`,
      {
        cause,
        hint: "Check that <data-dir>/history is writable and has free space, then run the command again."
      }
    );
  }
  return record;
}
function readLostEvents(historyDir, meta, kept) {
  const genDir = generationDir(historyDir, meta.generation);
  const table = readTable(genDir, meta.seq);
  if (!table) return { events: [], complete: false };
  const lost = [];
  let complete = true;
  for (const kind of DEFINITION_KINDS) {
    for (const id of idsIn(table, kind)) {
      try {
        const text = readRecord(genDir, table, kind, id);
        if (text === null) continue;
        for (const e of decodeDefinitionFile(text).events) {
          if (e.seq <= meta.seq && !kept.has(e.event.commit)) lost.push(e);
        }
      } catch {
        complete = false;
      }
    }
  }
  lost.sort((a, b) => a.seq - b.seq || a.ord - b.ord);
  return { events: lost.map((e) => e.event), complete };
}
var init_record_rewrite = __esm({
  "src/history/record-rewrite.ts"() {
    "use strict";
    init_types();
    init_opsledger_error();
    init_definition_file_codec();
    init_definition_pack();
    init_fold_types();
    init_history_store();
    init_rewrite_log();
  }
});

// src/cli/history-main.ts
var history_main_exports = {};
__export(history_main_exports, {
  main: () => main,
  mayExitOnClosedPipe: () => mayExitOnClosedPipe
});
module.exports = __toCommonJS(history_main_exports);

// src/cli/commands/history.ts
init_opsledger_error();

// node_modules/commander/esm.mjs
var import_index = __toESM(require_commander(), 1);
var {
  program,
  createCommand,
  createArgument,
  createOption,
  CommanderError,
  InvalidArgumentError,
  InvalidOptionArgumentError,
  // deprecated old name
  Command,
  Argument,
  Option,
  Help
} = import_index.default;

// src/cli/cli-history.ts
init_types();
init_opsledger_error();

// src/history/open-history-index.ts
var import_node_path15 = __toESM(require("node:path"), 1);

// src/history/progress-reporter.ts
function createProgressReporter(stream) {
  if (!stream.isTTY) return void 0;
  let bar = null;
  return (phase, done, total) => {
    if (phase === "start") {
      const { SingleBar, Presets } = process.getBuiltinModule("node:module").createRequire(__opsledgerImportMetaUrl)(
        "cli-progress"
      );
      bar = new SingleBar(
        {
          stream,
          format: "indexing history [{bar}] {value}/{total} commits",
          hideCursor: true,
          clearOnComplete: true
        },
        Presets.shades_classic
      );
      bar.start(total, done);
    } else if (phase === "tick") {
      bar?.update(done);
    } else {
      bar?.stop();
      bar = null;
    }
  };
}

// src/history/native-history-index.ts
var import_node_fs7 = require("node:fs");
var import_node_path7 = __toESM(require("node:path"), 1);
init_types();
init_opsledger_error();
init_definition_pack();
init_history_store();
init_definition_file_codec();

// src/history/match-query.ts
function changedByPerson(event, email) {
  if (event.user.email.toLowerCase() === email) return true;
  const others = event.changed_by ? Object.values(event.changed_by) : event.authors ?? [];
  return others.some((p) => p.email.toLowerCase() === email);
}
function matchesQuery(event, query) {
  if (query.type && event.auditable_type !== query.type) return false;
  if (query.id && event.auditable_id !== query.id && !event.auditable_id.startsWith(`${query.id}/`))
    return false;
  if (query.user && !changedByPerson(event, query.user.toLowerCase())) return false;
  const at = Date.parse(event.created_at);
  if (query.since && at < Date.parse(query.since)) return false;
  if (query.until && at > Date.parse(query.until)) return false;
  return true;
}

// src/history/native-history-index.ts
init_rewrite_log();
init_value_table();

// src/history/approval-evidence.ts
var import_node_path6 = __toESM(require("node:path"), 1);

// src/git/read-branch-tip.ts
var import_node_fs5 = require("node:fs");
var import_node_path5 = __toESM(require("node:path"), 1);

// src/git/run-git.ts
init_opsledger_error();
async function runGitRaw(dir, args, options = {}) {
  const { spawn: spawn3 } = process.getBuiltinModule("node:child_process");
  return new Promise((resolve, reject) => {
    const child = spawn3("git", args, {
      cwd: dir,
      env: { ...process.env, GIT_TERMINAL_PROMPT: "0", LC_ALL: "C", ...options.env },
      stdio: ["pipe", "pipe", "pipe"]
    });
    const out = [];
    const err = [];
    child.stdout.on("data", (b) => out.push(b));
    child.stderr.on("data", (b) => err.push(b));
    child.on(
      "error",
      (e) => reject(new OpsledgerError("GIT_FAILED", `cannot start git: ${e.message}`, { cause: e }))
    );
    child.on(
      "close",
      (code) => resolve({
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
        code: code ?? 1
      })
    );
    child.stdin.end(options.input);
  });
}

// src/git/read-branch-tip.ts
var SHA = /^[0-9a-f]{40}$/;
async function readBranchTip(repo, branch) {
  const fromFiles = readLooseOrPacked(repo, `refs/heads/${branch}`);
  if (fromFiles !== void 0) return fromFiles;
  const result = await runGitRaw(repo, ["rev-parse", "--verify", "--quiet", `refs/heads/${branch}^{commit}`]);
  return result.code === 0 ? result.stdout.trim() : null;
}
async function readRefTip(repo, ref) {
  const fromFiles = readLooseOrPacked(repo, ref, true);
  if (fromFiles !== void 0) return fromFiles;
  const result = await runGitRaw(repo, ["rev-parse", "--verify", "--quiet", ref]);
  return result.code === 0 ? result.stdout.trim() : null;
}
function readLooseOrPacked(repo, ref, absentIsNull = false) {
  const gitDir = import_node_path5.default.join(repo, ".git");
  try {
    if (!(0, import_node_fs5.statSync)(gitDir).isDirectory()) return void 0;
    if ((0, import_node_fs5.statSync)(import_node_path5.default.join(gitDir, "reftable"), { throwIfNoEntry: false })) return void 0;
  } catch {
    return void 0;
  }
  try {
    const loose = (0, import_node_fs5.readFileSync)(import_node_path5.default.join(gitDir, ...ref.split("/")), "utf8").trim();
    return SHA.test(loose) ? loose : void 0;
  } catch (err) {
    if (err.code !== "ENOENT") return void 0;
  }
  let packed;
  try {
    packed = (0, import_node_fs5.readFileSync)(import_node_path5.default.join(gitDir, "packed-refs"), "utf8");
  } catch (err) {
    return absentIsNull && err.code === "ENOENT" ? null : void 0;
  }
  const target = ref;
  for (const line of packed.split("\n")) {
    if (line.endsWith(` ${target}`) && SHA.test(line.slice(0, 40)) && line.length === 41 + target.length) {
      return line.slice(0, 40);
    }
  }
  return absentIsNull ? null : void 0;
}

// src/review/approval-note.ts
init_opsledger_error();

// src/state/flock.ts
var import_node_fs6 = require("node:fs");

// src/state/file-lock.ts
var FileLockError = class extends Error {
  constructor(reason, message, options) {
    super(message, options);
    this.reason = reason;
    this.name = "FileLockError";
  }
  reason;
};
var sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
async function retryLock(target, timeoutMs, firstDelayMs, attempt) {
  const deadline = Date.now() + timeoutMs;
  let delay = firstDelayMs;
  for (; ; ) {
    const release = await attempt();
    if (release) return release;
    if (Date.now() >= deadline) {
      throw new FileLockError("locked", `${target} is locked by another process (waited ${timeoutMs} ms)`);
    }
    await sleep(delay * (0.5 + Math.random()));
    delay = Math.min(delay * 1.6, 25);
  }
}

// src/state/lock-wait-reporter.ts
var reportWait = () => void 0;
function setLockWaitReporter(report) {
  reportWait = report;
}
function reportLockWait(message) {
  reportWait(message);
}

// src/state/flock.ts
var BUSY = /* @__PURE__ */ new Set(["EAGAIN", "EWOULDBLOCK"]);
var NOTICE_AFTER_MS = 1e3;
var PID_BYTES = 12;
var flockSync;
function requireHere() {
  return process.getBuiltinModule("node:module").createRequire(__opsledgerImportMetaUrl);
}
function flock(fd, flags) {
  flockSync ??= requireHere()("fs-ext").flockSync;
  flockSync(fd, flags);
}
var FileFlock = class {
  /** `what` names the lock in the waiting notice ("the execution journal"). */
  constructor(file, what = "a lock") {
    this.file = file;
    this.what = what;
  }
  file;
  what;
  fd = null;
  /**
   * Wait (polling with jittered backoff) up to `timeoutMs` for the lock; FileLockError 'locked' after that. A wait
   * longer than `noticeAfterMs` is reported once, naming the holder's pid.
   */
  async acquire(options = {}) {
    const fd = this.open();
    const timeoutMs = options.timeoutMs ?? 1e4;
    const noticeAt = Date.now() + (options.noticeAfterMs ?? NOTICE_AFTER_MS);
    let noticed = false;
    return retryLock(this.file, timeoutMs, 0.5, () => {
      try {
        flock(fd, "exnb");
        stampHolder(fd);
        return () => this.unlock(fd);
      } catch (err) {
        if (BUSY.has(err.code ?? "")) {
          if (!noticed && Date.now() >= noticeAt) {
            noticed = true;
            const pid = readHolder(fd);
            reportLockWait(
              `waiting for ${this.what} (${this.file}) held by ${pid === null ? "another process" : `pid ${pid}`} \u2026 (giving up after ${Math.round(timeoutMs / 1e3)} s)`
            );
          }
          return null;
        }
        throw new FileLockError("unavailable", `cannot lock ${this.file}: ${err.message}`, {
          cause: err
        });
      }
    });
  }
  /** Close the lock file (releasing the lock if held). */
  close() {
    if (this.fd === null) return;
    (0, import_node_fs6.closeSync)(this.fd);
    this.fd = null;
  }
  /** Opened read-write (and created when missing), so a data dir that cannot be written fails here, before any work. */
  open() {
    if (this.fd !== null) return this.fd;
    try {
      this.fd = (0, import_node_fs6.openSync)(this.file, import_node_fs6.constants.O_RDWR | import_node_fs6.constants.O_CREAT, 384);
    } catch (err) {
      throw new FileLockError(
        "unavailable",
        `cannot open the lock file ${this.file}: ${err.message}`,
        {
          cause: err
        }
      );
    }
    return this.fd;
  }
  unlock(fd) {
    try {
      flock(fd, "un");
    } catch {
    }
  }
};
function stampHolder(fd) {
  try {
    (0, import_node_fs6.writeSync)(fd, Buffer.from(`${process.pid}`.padEnd(PID_BYTES - 1) + "\n"), 0, PID_BYTES, 0);
  } catch {
  }
}
function readHolder(fd) {
  try {
    const buf = Buffer.alloc(PID_BYTES);
    const got = (0, import_node_fs6.readSync)(fd, buf, 0, PID_BYTES, 0);
    const pid = Number(buf.toString("latin1", 0, got).trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}
async function acquireFlock(file, options = {}) {
  const lock = new FileFlock(file, options.what);
  try {
    const release = await lock.acquire(options);
    return () => {
      release();
      lock.close();
    };
  } catch (err) {
    lock.close();
    throw err;
  }
}

// src/review/approval-note.ts
var APPROVALS_NOTES_REF = "refs/notes/opsledger/approvals";
var REVIEW_STATES = [
  "APPROVED",
  "CHANGES_REQUESTED",
  "DISMISSED",
  "COMMENTED"
];
var SHA2 = /^[0-9a-f]{40}$/;
function parseApprovalNote(text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw invalid(`not JSON: ${err.message}`);
  }
  const note = value;
  if (note === null || typeof note !== "object" || Array.isArray(note)) throw invalid("not a JSON object");
  if (note.version !== 1) throw invalid(`unknown version ${JSON.stringify(note.version)}`);
  const pr = note.pull_request;
  if (!pr || !Number.isInteger(pr.number) || typeof pr.url !== "string" || typeof pr.head_sha !== "string" || typeof pr.base_ref !== "string" || !Array.isArray(pr.authors) || !pr.authors.every((a) => typeof a === "string")) {
    throw invalid("pull_request needs number, url, head_sha, base_ref and authors[]");
  }
  if (!Array.isArray(note.approvals)) throw invalid("approvals must be an array");
  note.approvals.forEach((a, i) => checkRecord(a, i));
  if (typeof note.recorded_at !== "string") throw invalid("recorded_at must be an ISO 8601 string");
  return {
    version: 1,
    pull_request: {
      number: pr.number,
      url: pr.url,
      head_sha: pr.head_sha,
      base_ref: pr.base_ref,
      authors: [...pr.authors]
    },
    approvals: note.approvals.map((a) => ({ ...a })),
    recorded_at: note.recorded_at
  };
}
function checkRecord(record, i) {
  const r = record;
  const ok = r !== null && typeof r === "object" && typeof r.reviewer_login === "string" && (r.email === null || typeof r.email === "string") && REVIEW_STATES.includes(r.state) && typeof r.commit_id === "string" && typeof r.submitted_at === "string";
  if (!ok)
    throw invalid(`approvals[${i}] needs reviewer_login, email (or null), state, commit_id, submitted_at`);
}
function invalid(message) {
  return new OpsledgerError("INPUT_INVALID", `approval note: ${message}`, {
    hint: 'An approval note is one JSON document per line (docs/github.md "The approval note").'
  });
}
async function readApprovalNotes(repo) {
  const result = await runGitRaw(repo, ["grep", "--no-color", "-I", "-e", ".", APPROVALS_NOTES_REF, "--"]);
  const notes = { byCommit: /* @__PURE__ */ new Map(), invalid: [] };
  if (result.code === 1 || result.code !== 0 && /unable to resolve|bad revision|not a tree/i.test(result.stderr))
    return notes;
  if (result.code !== 0) {
    throw new OpsledgerError("GIT_FAILED", `git grep ${APPROVALS_NOTES_REF} failed: ${result.stderr.trim()}`);
  }
  const prefix = `${APPROVALS_NOTES_REF}:`;
  for (const line of result.stdout.split("\n")) {
    if (!line.startsWith(prefix)) continue;
    const rest = line.slice(prefix.length);
    const colon = rest.indexOf(":");
    const commit = rest.slice(0, colon).replace(/\//g, "");
    if (!SHA2.test(commit)) continue;
    try {
      const note = parseApprovalNote(rest.slice(colon + 1));
      const list = notes.byCommit.get(commit);
      if (list) list.push(note);
      else notes.byCommit.set(commit, [note]);
    } catch (err) {
      notes.invalid.push({ commit, message: err.message });
    }
  }
  return notes;
}

// src/history/approval-evidence.ts
init_history_store();
var NO_EVIDENCE = evidenceOf(null, /* @__PURE__ */ new Map());
async function loadApprovalEvidence(repo, historyDir, previous) {
  const tip = await readRefTip(repo, APPROVALS_NOTES_REF);
  if (tip === null) return NO_EVIDENCE;
  if (previous?.notesTip === tip) return previous;
  const file = import_node_path6.default.join(historyDir, "approvals.json");
  const cached = readJson(file);
  if (cached?.notes_tip === tip) {
    try {
      const notes = new Map(Object.entries(cached.notes).map(([sha, list]) => [sha, list.map(reparse)]));
      return evidenceOf(tip, notes);
    } catch {
    }
  }
  const read = await readApprovalNotes(repo);
  ensureDir(historyDir);
  writeAtomic(file, JSON.stringify({ notes_tip: tip, notes: Object.fromEntries(read.byCommit) }));
  return evidenceOf(tip, read.byCommit);
}
function reparse(note) {
  return parseApprovalNote(JSON.stringify(note));
}
function evidenceOf(notesTip, notes) {
  const flat = /* @__PURE__ */ new Map();
  for (const [commit, list] of notes) flat.set(commit, list.flatMap(toEventApprovals));
  return { notesTip, notes, approvalsOf: (commit) => flat.get(commit) ?? null };
}
function toEventApprovals(note) {
  const authors = new Set(note.pull_request.authors.map((a) => a.toLowerCase()));
  return note.approvals.map((a) => ({
    reviewer_login: a.reviewer_login,
    email: a.email,
    state: a.state,
    commit_id: a.commit_id,
    submitted_at: a.submitted_at,
    pull_request: note.pull_request.number,
    stale: a.commit_id !== note.pull_request.head_sha,
    by_author: authors.has(a.reviewer_login.toLowerCase()) || a.email !== null && authors.has(a.email.toLowerCase())
  }));
}

// src/history/native-history-index.ts
init_types();
function createNativeHistoryIndex(historyDir, initial, doRefresh, onWarning = () => void 0, evidence = () => NO_EVIDENCE) {
  let meta = initial;
  let files = /* @__PURE__ */ new Map();
  let invalidCache = null;
  let commitsCache = null;
  let tableCache = null;
  const reset = (next) => {
    meta = next;
    files = /* @__PURE__ */ new Map();
    tableCache = null;
    invalidCache = null;
    commitsCache = null;
  };
  const genDir = () => generationDir(historyDir, meta.generation);
  function readIndexFile(file, parse = JSON.parse, read = () => (0, import_node_fs7.readFileSync)(file(), "utf8")) {
    for (let attempt = 0; attempt < 3; attempt++) {
      let text;
      try {
        text = read();
      } catch (err) {
        if (err.code !== "ENOENT") throw err;
        const next = readMeta(historyDir);
        if (!next || next.generation === meta.generation && next.seq === meta.seq) return null;
        reset(next);
        continue;
      }
      if (text === null) return null;
      try {
        return parse(text);
      } catch (cause) {
        if (followMovedMeta()) continue;
        throw corrupt(file(), cause);
      }
    }
    return null;
  }
  function followMovedMeta() {
    const next = readMeta(historyDir);
    if (!next || next.generation === meta.generation && next.seq === meta.seq) return false;
    reset(next);
    return true;
  }
  function corrupt(file, cause) {
    (0, import_node_fs7.rmSync)(import_node_path7.default.join(historyDir, "meta.json"), { force: true });
    const why = cause instanceof Error ? ` (${cause.message})` : "";
    onWarning(`history: the index file ${file} is damaged${why}; it is not trusted and the index is rebuilt`);
    return new OpsledgerError("HISTORY_INDEX_CORRUPT", `history index file ${file} is unreadable`, { cause });
  }
  const checked = (name, parse) => (text) => {
    if (!matchesChecksum(meta, name(), text)) throw new Error("it does not match its checksum");
    return parse(text);
  };
  function table() {
    if (!tableCache) {
      const file = () => tableFile(genDir(), meta.seq);
      const read = readIndexFile(
        file,
        checked(() => import_node_path7.default.basename(file()), parseTable)
      );
      if (!read) throw corrupt(file());
      tableCache = read;
    }
    return tableCache;
  }
  function fileOf(kind, id) {
    const key = `${kind}:${id}`;
    if (!files.has(key)) {
      if (!DEFINITION_ID.test(id)) return null;
      const file = readIndexFile(
        () => import_node_path7.default.join(genDir(), table().pack),
        decodeDefinitionFile,
        () => {
          try {
            return readRecord(genDir(), table(), kind, id);
          } catch (err) {
            if (err.code) throw err;
            throw corrupt(import_node_path7.default.join(genDir(), table().pack), err);
          }
        }
      );
      files.set(key, file);
    }
    return files.get(key) ?? null;
  }
  const visibleEvents = (file) => (file?.events ?? []).filter((e) => e.seq <= meta.seq);
  const visibleStates = (file) => (file?.states ?? []).filter((s) => s.seq <= meta.seq);
  function toVersion(kind, id, file, state) {
    if (state.blob === null) return null;
    const encoded = file.values[state.blob];
    const value = encoded ? decodeValue(file.parts, encoded) : null;
    if (!value) return null;
    return {
      kind,
      id,
      version: state.version,
      commit: state.commit,
      blob: state.blob,
      path: state.path,
      value,
      created_at: state.created_at,
      valid: state.valid
    };
  }
  function commitList() {
    for (let attempt = 0; !commitsCache; attempt++) {
      let text = "";
      try {
        text = (0, import_node_fs7.readFileSync)(commitsFile(genDir()), "latin1");
      } catch (err) {
        if (err.code !== "ENOENT") throw err;
      }
      const counted = Buffer.from(text.slice(0, meta.seq * COMMIT_LINE), "latin1");
      const list = matchesChecksum(meta, "commits.txt", counted) ? parseCommitLines(text, meta.seq) : null;
      if (list) commitsCache = list;
      else if (attempt >= 2 || !followMovedMeta()) {
        throw corrupt(commitsFile(genDir()), new Error("it does not match its checksum"));
      }
    }
    return commitsCache;
  }
  const withApprovals = (events) => {
    const current = evidence();
    if (current.notes.size === 0) return events;
    return events.map((e) => {
      const approvals = current.approvalsOf(e.commit);
      return approvals === null ? e : { ...e, approvals };
    });
  };
  const index = {
    async refresh() {
      const result = await doRefresh();
      reset(result.meta);
      return result.stats;
    },
    async rebuild() {
      (0, import_node_fs7.rmSync)(import_node_path7.default.join(historyDir, "meta.json"), { force: true });
      const result = await doRefresh();
      reset(result.meta);
      return result.stats;
    },
    meta: () => meta,
    tip: () => meta.tip,
    ids: (kind) => idsIn(table(), kind),
    kindsOf: (id) => DEFINITION_KINDS.filter((k) => visibleEvents(fileOf(k, id)).length > 0),
    history(id, kind) {
      const slash = id.indexOf("/");
      if (slash > 0 && (kind === void 0 || kind === "runbook")) {
        return withApprovals(
          sortEvents(
            visibleEvents(fileOf("runbook", id.slice(0, slash))).filter((e) => e.event.auditable_id === id)
          )
        );
      }
      const kinds = kind ? [kind] : DEFINITION_KINDS;
      return withApprovals(sortEvents(kinds.flatMap((k) => visibleEvents(fileOf(k, id)))));
    },
    events(query = {}) {
      const kinds = query.type ? [KIND_OF_TYPE[query.type]] : DEFINITION_KINDS;
      const all = [];
      for (const kind of kinds) {
        const ids = query.id ? [query.id.split("/")[0]] : idsIn(table(), kind);
        for (const id of ids) all.push(...visibleEvents(fileOf(kind, id)));
      }
      return withApprovals(sortEvents(all.filter((e) => matchesQuery(e.event, query))));
    },
    invalid() {
      invalidCache ??= (readIndexFile(
        () => import_node_path7.default.join(genDir(), "invalid.json"),
        checked(
          () => "invalid.json",
          (text) => JSON.parse(text)
        )
      ) ?? []).filter((i) => i.seq <= meta.seq).map((i) => i.entry);
      return invalidCache;
    },
    states(kind, id) {
      return visibleStates(fileOf(kind, id)).map((s) => ({ ...s, kind, id }));
    },
    definitionAt(kind, id, version) {
      const file = fileOf(kind, id);
      const states = visibleStates(file);
      if (!file || states.length === 0) return null;
      if (version === void 0) {
        const latest = latestValid(states);
        return latest ? toVersion(kind, id, file, latest) : null;
      }
      const first = states.find((s) => s.version === version);
      return first ? toVersion(kind, id, file, first) : null;
    },
    definitionsAt(kind, commit) {
      const list = commitList();
      const at = list.findIndex(([sha]) => sha === commit || commit.length >= 7 && sha.startsWith(commit));
      if (at === -1) return [];
      const seq = at + 1;
      const out = [];
      for (const id of idsIn(table(), kind)) {
        const file = fileOf(kind, id);
        const states = visibleStates(file).filter((s) => s.seq <= seq);
        const latest = latestValid(states);
        const version = file && latest ? toVersion(kind, id, file, latest) : null;
        if (version) out.push(version);
      }
      return out;
    },
    commits() {
      return commitList().map(([sha, created_at]) => ({ sha, created_at }));
    },
    rewrites: () => readRewrites(historyDir).records
  };
  return index;
}
function latestValid(states) {
  for (let i = states.length - 1; i >= 0; i--) {
    const s = states[i];
    if (s.blob === null) return null;
    if (s.valid) return s;
  }
  return null;
}
function sortEvents(list) {
  return list.sort((a, b) => a.seq - b.seq || a.ord - b.ord).map((e) => e.event);
}

// src/history/refresh-history.ts
var import_node_fs14 = require("node:fs");
var import_node_path14 = __toESM(require("node:path"), 1);

// src/git/is-shallow-repository.ts
var import_node_fs8 = require("node:fs");
var import_node_path8 = __toESM(require("node:path"), 1);
async function isShallowRepository(repo) {
  const gitDir = import_node_path8.default.join(repo, ".git");
  const dir = (0, import_node_fs8.statSync)(gitDir, { throwIfNoEntry: false });
  if (dir?.isDirectory()) {
    const shallow = (0, import_node_fs8.statSync)(import_node_path8.default.join(gitDir, "shallow"), { throwIfNoEntry: false });
    return shallow !== void 0 && shallow.size > 0;
  }
  const result = await runGitRaw(repo, ["rev-parse", "--is-shallow-repository"]);
  return result.code === 0 && result.stdout.trim() === "true";
}

// src/history/refresh-history.ts
init_opsledger_error();
init_history_store();
function historyDirOf(dataDir) {
  return import_node_path14.default.join(dataDir, "history");
}
async function refreshHistory(options) {
  const now = options.now ?? Date.now;
  const started = now();
  const historyDir = historyDirOf(options.dataDir);
  const shallow = await checkShallow(options);
  const effective = shallow ? { ...options, partial: true } : options;
  const tip = await resolveTip(options.repo, options.branch);
  const damaged2 = (why) => options.onWarning?.(`history: the index is damaged (${why}); it is not trusted and is rebuilt`);
  const current = readMeta(historyDir, damaged2);
  if (current && isCurrent(current, effective, tip)) {
    return { meta: current, stats: { tip, newCommits: 0, rebuilt: false, ms: now() - started } };
  }
  ensureDir(historyDir);
  const release = await lockRefresh(historyDir);
  try {
    const meta = readMeta(historyDir, current ? damaged2 : void 0);
    if (meta && isCurrent(meta, effective, tip)) {
      return { meta, stats: { tip, newCommits: 0, rebuilt: false, ms: now() - started } };
    }
    const [{ updateHistory: updateHistory2 }, { recordRewrite: recordRewrite2 }] = await Promise.all([
      Promise.resolve().then(() => (init_update_history(), update_history_exports)),
      Promise.resolve().then(() => (init_record_rewrite(), record_rewrite_exports))
    ]);
    const result = await updateHistory2(historyDir, meta, tip, {
      ...effective,
      // The old generation is still there: a rewrite's lost events are read from it before it goes.
      beforeReplace: (previous, chain) => void recordRewrite2(historyDir, {
        previous,
        branch: options.branch,
        definitionsDir: options.definitionsDir,
        chain,
        now
      })
    });
    return { meta: result.meta, stats: { ...result.stats, ms: now() - started } };
  } finally {
    release();
  }
}
async function lockRefresh(historyDir) {
  const file = import_node_path14.default.join(historyDir, "refresh.lock");
  if ((0, import_node_fs14.statSync)(file, { throwIfNoEntry: false })?.isDirectory()) (0, import_node_fs14.rmdirSync)(file);
  try {
    return await acquireFlock(file, { timeoutMs: 6e5, what: "the history index refresh" });
  } catch (err) {
    if (err instanceof FileLockError && err.reason === "locked") {
      throw new OpsledgerError("HISTORY_LOCKED", err.message, { cause: err });
    }
    throw err;
  }
}
function isCurrent(meta, options, tip) {
  return meta.tip === tip && meta.branch === options.branch && meta.definitionsDir === options.definitionsDir && (meta.partial ?? false) === (options.partial ?? false);
}
async function checkShallow(options) {
  if (!await isShallowRepository(options.repo)) return false;
  if (options.allowShallow || options.partial) return true;
  throw new OpsledgerError(
    "SHALLOW_REPOSITORY",
    "the repository is a shallow clone: its history is cut, so versions and who created what would be wrong"
  );
}
async function resolveTip(repo, branch) {
  const tip = await readBranchTip(repo, branch);
  if (tip !== null) return tip;
  const any = await runGitRaw(repo, ["rev-parse", "--verify", "--quiet", "HEAD^{commit}"]);
  if (any.code !== 0) return null;
  throw new OpsledgerError("BRANCH_NOT_FOUND", `the tracked branch "${branch}" does not exist`);
}

// src/history/open-history-index.ts
function normalizeDir(dir) {
  return import_node_path15.default.posix.normalize(dir.replace(/\\/g, "/")).replace(/^(\.\/)+/, "").replace(/\/+$/, "");
}
async function openHistoryIndex(options) {
  const historyDir = historyDirOf(options.dataDir);
  const onWarning = options.onWarning ?? ((message) => void (options.progressStream ?? process.stderr).write(`warning: ${message}
`));
  let evidence;
  const doRefresh = async () => {
    const onProgress = options.progress ? createProgressReporter(options.progressStream ?? process.stderr) : void 0;
    evidence = await loadApprovalEvidence(options.repo, historyDir, evidence);
    return refreshHistory({
      repo: options.repo,
      dataDir: options.dataDir,
      branch: options.branch,
      definitionsDir: normalizeDir(options.definitionsDir ?? "definitions"),
      onWarning,
      ...onProgress ? { onProgress } : {},
      ...options.partial ? { partial: true } : {},
      ...options.allowShallow ? { allowShallow: true } : {}
    });
  };
  const first = await doRefresh();
  return createNativeHistoryIndex(historyDir, first.meta, doRefresh, onWarning, () => evidence);
}

// src/history/parse-id-spec.ts
init_types();
init_opsledger_error();
function parseIdSpec(text, optionKind) {
  const colon = text.indexOf(":");
  if (colon < 0) return optionKind ? { id: text, kind: optionKind } : { id: text };
  const prefix = text.slice(0, colon);
  const id = text.slice(colon + 1);
  if (!DEFINITION_KINDS.includes(prefix) || id === "") {
    throw new OpsledgerError("USAGE", `"${text}" is not an id or KIND:ID`, {
      hint: `Write the id alone, or prefix it with its kind: ${DEFINITION_KINDS.map((k) => `${k}:ID`).join(", ")}.`
    });
  }
  const kind = prefix;
  if (optionKind && optionKind !== kind) {
    throw new OpsledgerError(
      "USAGE",
      `"${text}" names ${kind === "action" ? "an" : "a"} ${kind} but --kind says ${optionKind}`,
      {
        hint: "Give the kind once: as a prefix or with --kind."
      }
    );
  }
  return { id, kind };
}

// src/history/suggest-ids.ts
function suggestIds(id, known, max = 3) {
  const limit = Math.max(2, Math.floor(id.length / 3));
  return [...new Set(known)].map((k) => ({ k, d: k.includes(id) || id.includes(k) ? 1 : distance(id, k) })).filter((x) => x.d <= limit).sort((a, b) => a.d - b.d || a.k.localeCompare(b.k)).slice(0, max).map((x) => x.k);
}
function distance(a, b) {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

// src/cli/cli-history.ts
async function openCliHistory(ctx, options = {}) {
  return openHistoryIndex({
    repo: ctx.repo,
    dataDir: ctx.dataDir,
    branch: ctx.config.branch,
    definitionsDir: ctx.config.paths.definitions,
    progress: process.stderr.isTTY === true,
    allowShallow: options.allowShallow === true
  });
}
function allowShallowOption() {
  return new Option(
    "--allow-shallow",
    "read a shallow clone anyway: a partial history, its events marked partial: true"
  );
}
async function readHistory(index, read) {
  try {
    return read();
  } catch (err) {
    if (!(err instanceof OpsledgerError) || err.code !== "HISTORY_INDEX_CORRUPT") throw err;
    await index.rebuild();
    return read();
  }
}
function kindOption() {
  return new Option("--kind <kind>", "the kind, when an id names more than one (or write KIND:ID)").choices([
    ...DEFINITION_KINDS
  ]);
}
function typeOption() {
  return new Option("--type <kind>", "the same as --kind").choices([...DEFINITION_KINDS]).hideHelp();
}
function idSpecOf(text, options) {
  if (options.kind && options.type && options.kind !== options.type) {
    throw new OpsledgerError("USAGE", `--kind ${options.kind} and --type ${options.type} disagree`, {
      hint: "Pass one of them."
    });
  }
  return parseIdSpec(text, options.kind ?? options.type);
}
function resolveKind(index, id, kind) {
  const kinds = kind ? index.kindsOf(id).filter((k) => k === kind) : index.kindsOf(id);
  if (kinds.length === 1) return kinds[0];
  if (kinds.length > 1) throw ambiguous(id, kinds);
  throw notFound(index, id, kind);
}
function ambiguous(id, kinds) {
  const named = kinds.map((k) => `${k === "action" ? "an" : "a"} ${k}`);
  const list = `${named.slice(0, -1).join(", ")} and ${named.at(-1)}`;
  return new OpsledgerError("AMBIGUOUS", `"${id}" is the id of ${list}`, {
    hint: `Name the kind: --kind ${kinds.join("|")}, or write ${kinds.map((k) => `${k}:${id}`).join(" or ")}.`
  });
}
function notFound(index, id, kind) {
  const known = (kind ? [kind] : DEFINITION_KINDS).flatMap((k) => index.ids(k));
  const close = suggestIds(id, known);
  const what = kind ?? "definition";
  return new OpsledgerError(
    "DEFINITION_NOT_FOUND",
    `no ${what} with id "${id}" in the history of ${index.meta().branch}`,
    {
      hint: close.length > 0 ? `Did you mean ${close.map((c) => `"${c}"`).join(", ")}?` : "Check the id (the `id:` inside the file, not the file name) and the tracked branch."
    }
  );
}

// src/cli/output.ts
function createOutput(stdout, stderr) {
  return {
    json: (value) => void stdout.write(`${JSON.stringify(value, null, 2)}
`),
    line: (text = "") => void stdout.write(`${text}
`),
    info: (text) => void stderr.write(`${text}
`),
    terminalRows: () => {
      const tty = stdout;
      return tty.isTTY === true ? tty.rows || 24 : null;
    }
  };
}
function renderTable(rows) {
  const widths = [];
  for (const row of rows) row.forEach((cell, i) => widths[i] = Math.max(widths[i] ?? 0, [...cell].length));
  return rows.map(
    (row) => row.map(
      (cell, i) => i === row.length - 1 ? cell : cell + " ".repeat((widths[i] ?? 0) - [...cell].length)
    ).join("  ").trimEnd()
  ).join("\n");
}

// src/cli/render-history.ts
function formatValue(value, width = 60) {
  const text = value === void 0 ? "null" : JSON.stringify(value);
  return text.length > width ? `${text.slice(0, width - 1)}\u2026` : text;
}
function describeChanges(event) {
  const prefix = event.auditable_type === "Runbook::Step" ? `step ${event.auditable_id.split("/")[1]}: ` : "";
  if (event.action === "create") return [`${prefix}created`];
  if (event.action === "delete") return [`${prefix}deleted`];
  return Object.entries(event.audited_changes).map(([pointer, change]) => {
    const [before, after] = change;
    return `${prefix}${pointer}: ${formatValue(before, 40)} \u2192 ${formatValue(after, 40)}`;
  });
}
function shortDate(iso) {
  return iso.slice(0, 16).replace("T", " ");
}
function renderHistoryTable(events) {
  const rows = [["VERSION", "WHEN", "WHO", "PR", "COMMIT", "CHANGE"]];
  for (const e of events) {
    const version = e.auditable_type === "Runbook::Step" ? `  v${e.version}` : `v${e.version}`;
    const lines = describeChanges(e);
    const pr = e.pull_request === null ? "-" : `#${e.pull_request}`;
    const revert = e.revert_of ? ` (reverts ${e.revert_of.slice(0, 7)})` : "";
    lines.forEach((line, i) => {
      rows.push(
        i === 0 ? [version, shortDate(e.created_at), e.user.email, pr, e.commit.slice(0, 7), line + revert] : ["", "", "", "", "", line]
      );
    });
  }
  return renderTable(rows);
}

// src/cli/commands/history.ts
var EXAMPLES = `
Examples:
  $ opsledger history http-health-check      # every change, one line per changed field
  $ opsledger history web-incident-response  # a runbook, with its steps' changes
  $ opsledger history web-incident-response/restart-web   # one step of a runbook
  $ opsledger history http-health-check --json # the audit events (docs/history.md), oldest first
  $ opsledger history runbook:web-incident-response   # name the kind of an id more than one kind uses (or --kind)
  $ opsledger history http-health-check --allow-shallow  # a shallow clone: a partial history`;
var historyCommand = (program2, app) => {
  program2.command("history").description("field-level change history of one definition, from git (who, when, which PR, what)").argument("<id>", "an action, runbook or role id (or KIND:ID), or RUNBOOK/STEP").addOption(kindOption()).addOption(typeOption()).addOption(allowShallowOption()).addHelpText("after", EXAMPLES).action(
    app.action(async (ctx, text, options) => {
      const { id, kind } = idSpecOf(text, options);
      const index = await openCliHistory(ctx, options);
      const events = await readHistory(
        index,
        () => index.history(id, id.includes("/") ? kind : resolveKind(index, id, kind))
      );
      if (events.length === 0) {
        const base = id.includes("/") ? id.split("/")[0] : id;
        const err = notFound(index, base, kind);
        if (id.includes("/") && index.kindsOf(base).includes("runbook")) {
          throw new OpsledgerError(
            "DEFINITION_NOT_FOUND",
            `runbook ${base} has no step "${id.split("/")[1]}"`,
            {
              hint: `See its steps with \`opsledger history ${base}\`.`
            }
          );
        }
        throw err;
      }
      if (ctx.json) ctx.out.json(events);
      else ctx.out.line(renderHistoryTable(events));
      return 0;
    })
  );
};

// src/cli/run-cli.ts
init_opsledger_error();
init_package_root();

// src/cli/cli-app.ts
init_opsledger_error();

// src/cli/context.ts
var import_node_path19 = __toESM(require("node:path"), 1);

// src/git/repo-info.ts
var import_node_path17 = __toESM(require("node:path"), 1);
init_opsledger_error();

// src/git/find-work-tree.ts
var import_node_fs15 = require("node:fs");
var import_node_path16 = __toESM(require("node:path"), 1);
var DISCOVERY_ENV = [
  "GIT_DIR",
  "GIT_WORK_TREE",
  "GIT_COMMON_DIR",
  "GIT_OBJECT_DIRECTORY",
  "GIT_CEILING_DIRECTORIES",
  "GIT_DISCOVERY_ACROSS_FILESYSTEM",
  "GIT_CONFIG_PARAMETERS",
  "GIT_CONFIG_COUNT",
  "GIT_TEST_ASSUME_DIFFERENT_OWNER"
];
var HEAD_REF = /^ref: refs\/[^\s]+\s*$/;
var HEAD_SHA = /^([0-9a-f]{40}|[0-9a-f]{64})\s*$/;
function findWorkTree(dir, env) {
  if (DISCOVERY_ENV.some((name) => env[name] !== void 0)) return void 0;
  const uid = process.geteuid?.();
  if (uid === void 0) return void 0;
  let current;
  let stats;
  try {
    current = (0, import_node_fs15.realpathSync)(dir);
    stats = (0, import_node_fs15.statSync)(current);
  } catch {
    return void 0;
  }
  if (!stats.isDirectory()) return void 0;
  for (; ; ) {
    const dotGit = statOrNull(import_node_path16.default.join(current, ".git"));
    if (dotGit?.isDirectory() && isGitDirectory(import_node_path16.default.join(current, ".git"))) {
      return dotGit.uid === uid && stats.uid === uid && configMovesNothing(import_node_path16.default.join(current, ".git")) ? current : void 0;
    }
    if (dotGit !== null || isGitDirectory(current)) return void 0;
    const parent = import_node_path16.default.dirname(current);
    if (parent === current) return void 0;
    const parentStats = statOrNull(parent);
    if (parentStats === null || parentStats.dev !== stats.dev) return void 0;
    current = parent;
    stats = parentStats;
  }
}
function statOrNull(file) {
  try {
    return (0, import_node_fs15.statSync)(file);
  } catch {
    return null;
  }
}
function isGitDirectory(dir) {
  if (!statOrNull(import_node_path16.default.join(dir, "objects"))?.isDirectory()) return false;
  if (!statOrNull(import_node_path16.default.join(dir, "refs"))?.isDirectory()) return false;
  try {
    const head = (0, import_node_fs15.readFileSync)(import_node_path16.default.join(dir, "HEAD"), "utf8");
    return HEAD_REF.test(head) || HEAD_SHA.test(head);
  } catch {
    return false;
  }
}
function configMovesNothing(gitDir) {
  let config;
  try {
    config = (0, import_node_fs15.readFileSync)(import_node_path16.default.join(gitDir, "config"), "utf8");
  } catch (err) {
    return err.code === "ENOENT";
  }
  if (/^\s*worktree\s*(=|$)/im.test(config)) return false;
  if (/^\s*bare\s*(=\s*(true|yes|on|1)\s*)?$/im.test(config)) return false;
  if (/^\s*\[\s*(include|includeif|extensions)\b/im.test(config)) return false;
  const version = /^\s*repositoryformatversion\s*=\s*(\S+)/im.exec(config);
  return version === null || Number(version[1]) === 0;
}

// src/git/repo-info.ts
async function findRepoRoot(dir, env = process.env) {
  const found = findWorkTree(dir, env);
  if (found !== void 0) return found;
  const result = await runGitRaw(dir, ["rev-parse", "--show-toplevel"], { env }).catch(() => void 0);
  if (!result || result.code !== 0) {
    throw new OpsledgerError("NOT_A_REPO", `${dir} is not inside a git work tree`);
  }
  return import_node_path17.default.resolve(result.stdout.trim());
}

// src/config/load-config.ts
var import_node_fs16 = require("node:fs");
var import_node_path18 = __toESM(require("node:path"), 1);
init_opsledger_error();

// src/config/apply-schema-defaults.ts
var isPlainObject2 = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
function applySchemaDefaults(schema, value) {
  return fill(schema, value);
}
function fill(schema, value) {
  if (Array.isArray(value)) {
    const items = schema.items;
    return items && !Array.isArray(items) ? value.map((item) => fill(items, item)) : value;
  }
  if (!isPlainObject2(value)) return value;
  const out = {};
  const props = schema.properties ?? {};
  const extra = typeof schema.additionalProperties === "object" ? schema.additionalProperties : void 0;
  for (const [key, v] of Object.entries(value)) {
    const sub = Object.hasOwn(props, key) ? props[key] : extra;
    out[key] = sub ? fill(sub, v) : v;
  }
  for (const [key, sub] of Object.entries(props)) {
    if (!Object.hasOwn(out, key) && sub.default !== void 0) {
      out[key] = fill(sub, structuredClone(sub.default));
    }
  }
  return out;
}

// src/alerts/alert-event.ts
var ALERT_EVENT_TYPES = [
  "definition.changed",
  "definition.invalid",
  "history.rewritten",
  "execution.started",
  "execution.finished",
  "runbook_run.waiting",
  "journal.tampered",
  "finding.opened"
];

// src/config/config-schema.ts
init_types();
var CONFIG_SCHEMA = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: "https://opsledger.dev/schema/config.schema.json",
  $comment: "Written from opsledger's src/config/config-schema.ts; refresh it with `opsledger schemas update`, do not edit.",
  title: "opsledger.yaml",
  description: "Optional repo configuration at <repo>/opsledger.yaml.",
  type: "object",
  additionalProperties: false,
  properties: {
    branch: { type: "string", minLength: 1, pattern: "^[^\\s~^:?*\\[\\\\]+$", default: "main" },
    paths: {
      type: "object",
      additionalProperties: false,
      default: {},
      properties: {
        definitions: { type: "string", minLength: 1, default: "definitions" },
        reports: { type: "string", minLength: 1, default: "reports" },
        data_dir: { type: "string", minLength: 1, default: ".opsledger" }
      }
    },
    retention: {
      type: "object",
      additionalProperties: false,
      default: {},
      properties: {
        default_days: { type: "integer", minimum: 1 },
        failed_days: {
          type: "integer",
          minimum: 1,
          description: "Keep failed, timed-out and denied runs this long (usually longer)."
        },
        actions: {
          type: "object",
          propertyNames: { pattern: DEFINITION_ID_PATTERN },
          additionalProperties: { type: "integer", minimum: 1 }
        }
      }
    },
    reports: {
      type: "object",
      additionalProperties: false,
      default: {},
      properties: {
        stale_days: {
          type: "integer",
          minimum: 1,
          default: 30,
          description: "A released action not run for this many days is a finding."
        },
        failing_streak: { type: "integer", minimum: 2, default: 3 },
        outcome_window: {
          type: "integer",
          minimum: 1,
          default: 20,
          description: "Runs on each side of a change in the change \u2192 outcome timeline."
        }
      }
    },
    webhooks: {
      type: "array",
      description: "Outgoing webhooks (docs/alerts.md).",
      default: [],
      items: {
        type: "object",
        additionalProperties: false,
        required: ["id", "url", "events"],
        properties: {
          id: { type: "string", pattern: DEFINITION_ID_PATTERN, description: "Stable name of the webhook." },
          url: { type: "string", format: "uri", pattern: "^https?://" },
          events: {
            type: "array",
            minItems: 1,
            uniqueItems: true,
            items: { enum: ALERT_EVENT_TYPES }
          },
          filter: {
            type: "object",
            additionalProperties: false,
            properties: {
              type: { enum: AUDITABLE_TYPES },
              id: {
                type: "string",
                minLength: 1,
                maxLength: 200,
                description: "Glob on the definition id (* and ?)."
              },
              pointer: {
                type: "string",
                pattern: "^/",
                maxLength: 500,
                description: "JSON Pointer prefix a definition change must touch."
              },
              status: {
                oneOf: [
                  { type: "string", minLength: 1 },
                  { type: "array", minItems: 1, items: { type: "string", minLength: 1 } }
                ]
              },
              trigger: { enum: ["manual", "api", "schedule", "runbook", "external"] }
            }
          },
          secret_env: {
            type: "string",
            pattern: "^[A-Z_][A-Z0-9_]*$",
            description: "Environment variable holding the signing secret (whsec_<base64> or raw text)."
          },
          format: { enum: ["standard", "slack"], default: "standard" },
          max_attempts: { type: "integer", minimum: 1, maximum: 50, default: 8 }
        },
        if: { not: { properties: { format: { const: "slack" } }, required: ["format"] } },
        then: { required: ["secret_env"] }
      }
    },
    export: {
      type: "object",
      additionalProperties: false,
      required: ["to"],
      description: "Scheduled export of serve (docs/export.md).",
      properties: {
        to: { type: "string", pattern: "^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/.*)?$" },
        schedule: {
          type: "string",
          minLength: 1,
          maxLength: 100,
          description: "Cron expression (default: hourly)."
        }
      }
    },
    server: {
      type: "object",
      additionalProperties: false,
      default: {},
      properties: {
        url: {
          type: "string",
          format: "uri",
          pattern: "^https?://",
          description: "The central service `opsledger run`, `exec`, `executions` and `verify` talk to (like --server; the key comes from OPSLEDGER_API_KEY). docs/executions.md, Remote recording."
        },
        rate_limit_per_minute: { type: "integer", minimum: 1, default: 600 },
        refresh_seconds: { type: "integer", minimum: 1, default: 30 },
        recording_lease_seconds: {
          type: "integer",
          minimum: 2,
          maximum: 86400,
          default: 60,
          description: "The lease of a remotely recorded run: the CLI renews it every third of it while the script runs; a run whose lease lapsed (the CLI was killed or cut off) is recorded `abandoned` by the service. docs/executions.md, Remote recording."
        },
        trust_proxy: {
          type: ["boolean", "integer", "string"],
          minimum: 0,
          default: false,
          description: "Behind a reverse proxy: true, a hop count, or comma-separated proxy addresses/subnets (loopback, 10.0.0.0/8). Default false: the client address is the socket's."
        }
      }
    },
    executions: {
      type: "object",
      additionalProperties: false,
      default: {},
      properties: {
        require_server: {
          type: "boolean",
          default: false,
          description: "Runs must be recorded through the service (--server or server.url): the CLI refuses to record locally and reports list locally recorded runs as a finding."
        }
      }
    },
    github: {
      type: "object",
      description: "The GitHub repository of this repo, and the GitHub App mode of `opsledger serve` (docs/github.md).",
      additionalProperties: false,
      default: {},
      properties: {
        owner: { type: "string", description: "Owner (user or organisation) of the repository." },
        repo: { type: "string", description: "Repository name." },
        api_url: {
          type: "string",
          format: "uri",
          description: "REST API base URL (default https://api.github.com; GitHub Enterprise: https://HOST/api/v3)."
        },
        remote: {
          type: "string",
          minLength: 1,
          default: "origin",
          description: "The git remote (name or URL) pull requests are fetched from and revert branches and approval notes pushed to."
        },
        app_id: {
          type: ["integer", "string"],
          minimum: 1,
          pattern: "^[0-9]+$",
          description: "The GitHub App's id (App auth with an installation token); with private_key_env."
        },
        private_key_env: {
          type: "string",
          pattern: "^[A-Za-z_][A-Za-z0-9_]*$",
          description: "Environment variable holding the App's private key (PEM)."
        },
        token_env: {
          type: "string",
          pattern: "^[A-Za-z_][A-Za-z0-9_]*$",
          description: "Environment variable holding a token, instead of App auth."
        },
        webhook_secret_env: {
          type: "string",
          pattern: "^[A-Za-z_][A-Za-z0-9_]*$",
          description: "Environment variable holding the webhook secret that signs X-Hub-Signature-256."
        },
        github_logins: {
          type: "object",
          description: "GitHub login \u2192 the email role files name, so that login's reviews count as approvals (docs/github.md).",
          propertyNames: { pattern: "^[A-Za-z0-9][A-Za-z0-9-]{0,38}$" },
          additionalProperties: { type: "string", format: "email" }
        }
      },
      dependencies: { app_id: ["private_key_env"], private_key_env: ["app_id"] },
      not: { required: ["private_key_env", "token_env"] }
    },
    schedules: {
      type: "object",
      additionalProperties: false,
      default: {},
      description: "The scheduler of serve (docs/schedules.md).",
      properties: {
        service_identity: {
          type: "string",
          format: "email",
          maxLength: 254,
          description: "The user scheduled runs are initiated by (default: each definition's owner)."
        }
      }
    },
    approvals: {
      type: "object",
      additionalProperties: false,
      default: {},
      description: "How many approvals a pull request needs, by its risk (docs/github.md).",
      properties: {
        required: {
          type: "object",
          additionalProperties: false,
          default: {},
          properties: {
            high: { type: "integer", minimum: 0, default: 1 },
            medium: { type: "integer", minimum: 0, default: 1 },
            low: { type: "integer", minimum: 0, default: 1 }
          }
        }
      }
    },
    journal: {
      type: "object",
      additionalProperties: false,
      default: {},
      description: "Where the execution journal lives (docs/postgres.md).",
      properties: {
        backend: {
          enum: ["file", "postgres"],
          default: "file",
          description: "file: JSON Lines segments in the data dir; postgres: a PostgreSQL database."
        },
        url_env: {
          type: "string",
          pattern: "^[A-Z_][A-Z0-9_]*$",
          default: "OPSLEDGER_DATABASE_URL",
          description: "The environment variable holding the postgres:// URL (never the URL itself: it may hold a password)."
        }
      }
    }
  }
};

// src/config/load-config.ts
var CONFIG_FILE = "opsledger.yaml";
function withDefaults(raw = {}) {
  return applySchemaDefaults(CONFIG_SCHEMA, raw);
}
async function loadConfig(repo) {
  const file = import_node_path18.default.join(repo, CONFIG_FILE);
  let bytes;
  try {
    bytes = (0, import_node_fs16.readFileSync)(file);
  } catch (err) {
    if (err.code === "ENOENT") return withDefaults({});
    throw new OpsledgerError("CONFIG_INVALID", `cannot read ${CONFIG_FILE}: ${err.message}`);
  }
  const [{ parseYaml: parseYaml2 }, { checkSchema: checkSchema2 }, { loadValidators: loadValidators2 }] = await Promise.all([
    Promise.resolve().then(() => (init_parse_yaml(), parse_yaml_exports)),
    Promise.resolve().then(() => (init_parse_definition(), parse_definition_exports)),
    Promise.resolve().then(() => (init_schemas(), schemas_exports))
  ]);
  const parsed = parseYaml2(bytes, CONFIG_FILE);
  const findings = parsed.ok ? checkSchema2(parsed.parsed, CONFIG_FILE, loadValidators2(import_node_path18.default.join(repo, "definitions/schema")).config) : parsed.findings;
  const first = findings[0];
  if (first) {
    throw new OpsledgerError("CONFIG_INVALID", `${first.file}:${first.line}:${first.col}: ${first.message}`, {
      hint: first.hint
    });
  }
  const value = (parsed.ok ? parsed.parsed.value : null) ?? {};
  return withDefaults(value);
}

// src/cli/context.ts
async function createContext(options, io) {
  const repo = await findRepoRoot(import_node_path19.default.resolve(io.cwd, options.repo ?? "."));
  const config = await loadConfig(repo);
  const dataDirOption = options.dataDir ?? io.env.OPSLEDGER_DATA_DIR;
  const dataDir = dataDirOption ? import_node_path19.default.resolve(io.cwd, dataDirOption) : import_node_path19.default.resolve(repo, config.paths.data_dir);
  return {
    repo,
    dataDir,
    ...options.databaseUrl ? { databaseUrl: options.databaseUrl } : {},
    config,
    json: options.json === true,
    pager: options.pager !== false,
    out: io.out,
    env: io.env,
    cwd: io.cwd,
    now: () => /* @__PURE__ */ new Date()
  };
}

// src/cli/cli-app.ts
function createCliApp(program2, io) {
  const app = {
    out: io.out,
    env: io.env,
    cwd: io.cwd,
    exitCode: EXIT.ok,
    action(handler) {
      return async (...args) => {
        const global = program2.opts();
        try {
          const ctx = await createContext(global, io);
          app.exitCode = await handler(ctx, ...args);
        } catch (err) {
          app.exitCode = reportError(err, global.json === true, io.out);
        }
      };
    }
  };
  return app;
}
function reportError(err, json, out) {
  const e = toOpsledgerError(err);
  out.info(formatError(e));
  if (json) out.json(e.toJSON());
  if (e.code === "INTERNAL" && !(err instanceof OpsledgerError) && err instanceof Error && err.stack) {
    out.info(err.stack);
  }
  return e.exitCode;
}

// src/cli/run-cli.ts
async function runCli(argv, io, load2) {
  const out = createOutput(io.stdout, io.stderr);
  setLockWaitReporter((message) => out.info(`opsledger: ${message}`));
  const program2 = new Command("opsledger").description(
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
  const app = createCliApp(program2, { out, env: io.env, cwd: io.cwd });
  for (const register of await load2(argv.slice(2))) register(program2, app);
  program2.commands.forEach(
    (c) => c.exitOverride().configureOutput({ outputError: () => void 0 })
  );
  try {
    await program2.parseAsync(argv);
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
        program2.opts().json === true,
        out
      );
    }
    return reportError(err, false, out);
  }
}

// src/cli/closed-pipes.ts
var keepRunning = false;
function mayExitOnClosedPipe() {
  return !keepRunning;
}

// src/cli/history-main.ts
function main(argv, io = { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() }) {
  return runCli(argv, io, () => Promise.resolve([historyCommand]));
}
// Annotate the CommonJS export names for ESM import in node:
0 && (module.exports = {
  main,
  mayExitOnClosedPipe
});
