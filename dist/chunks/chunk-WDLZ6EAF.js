function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }

// src/errors/catalog.ts
var ERROR_CATALOG = {
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

// src/errors/opsledger-error.ts
var EXIT = { ok: 0, findings: 1, usage: 2, internal: 3 };
var OpsledgerError = class extends Error {
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
function toOpsledgerError(err) {
  if (err instanceof OpsledgerError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new OpsledgerError("INTERNAL", message, { cause: err });
}
function formatError(err) {
  return `error[${err.code}]: ${err.message}
hint: ${err.hint}`;
}

export {
  ERROR_CATALOG,
  EXIT,
  OpsledgerError,
  toOpsledgerError,
  formatError
};
