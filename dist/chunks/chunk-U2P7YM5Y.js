function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  ALERT_EVENT_TYPES
} from "./chunk-J2KV253P.js";
import {
  isAbsent
} from "./chunk-LLA3MDQI.js";
import {
  findRepoRoot
} from "./chunk-GB75QTYU.js";
import {
  TRIGGERS
} from "./chunk-G56DPNIV.js";
import {
  EXIT,
  OpsledgerError,
  formatError,
  toOpsledgerError
} from "./chunk-WDLZ6EAF.js";
import {
  checkedConfig
} from "./chunk-5EEFVU5U.js";
import {
  AUDITABLE_TYPES,
  DEFINITION_ID_PATTERN
} from "./chunk-6O2CUPPL.js";

// src/cli/context.ts
import path2 from "node:path";

// src/config/load-config.ts
import { readFileSync } from "node:fs";
import path from "node:path";

// src/config/apply-schema-defaults.ts
var isPlainObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
function applySchemaDefaults(schema, value) {
  return fill(schema, value);
}
function fill(schema, value) {
  if (Array.isArray(value)) {
    const items = schema.items;
    return items && !Array.isArray(items) ? value.map((item) => fill(items, item)) : value;
  }
  if (!isPlainObject(value)) return value;
  const out = {};
  const props = schema.properties ?? {};
  const extra = typeof schema.additionalProperties === "object" ? schema.additionalProperties : void 0;
  for (const [key, v] of Object.entries(value)) {
    const sub = Object.hasOwn(props, key) ? props[key] : extra;
    out[key] = sub ? fill(sub, v) : v;
  }
  for (const [key, sub] of Object.entries(props)) {
    if (!Object.hasOwn(out, key) && sub.default !== void 0) {
      out[key] = fill(sub, copyJson(sub.default));
    }
  }
  return out;
}
function copyJson(value) {
  if (Array.isArray(value)) return value.map(copyJson);
  if (!isPlainObject(value)) return value;
  const out = {};
  for (const [key, v] of Object.entries(value)) out[key] = copyJson(v);
  return out;
}

// src/config/config-schema.ts
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
              trigger: { enum: TRIGGERS }
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
  const file = path.join(repo, CONFIG_FILE);
  if (isAbsent(file)) return withDefaults({});
  const checked = checkedConfig(repo, file);
  const kept = checked.kept();
  if (kept !== void 0) return withDefaults(kept);
  const startedMs = Date.now();
  let bytes;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    if (err.code === "ENOENT") return withDefaults({});
    throw new OpsledgerError("CONFIG_INVALID", `cannot read ${CONFIG_FILE}: ${err.message}`);
  }
  const [{ parseYaml }, { checkSchema }, { loadValidators }] = await Promise.all([
    import("./parse-yaml-JGGCZALJ.js"),
    import("./parse-definition-OMHK7GIE.js"),
    import("./schemas-KS5JKZYJ.js")
  ]);
  const parsed = parseYaml(bytes, CONFIG_FILE);
  const findings = parsed.ok ? checkSchema(parsed.parsed, CONFIG_FILE, loadValidators(path.join(repo, "definitions/schema")).config) : parsed.findings;
  const first = findings[0];
  if (first) {
    throw new OpsledgerError("CONFIG_INVALID", `${first.file}:${first.line}:${first.col}: ${first.message}`, {
      hint: first.hint
    });
  }
  const value = (parsed.ok ? parsed.parsed.value : null) ?? {};
  checked.keep(value, startedMs);
  return withDefaults(value);
}

// src/cli/context.ts
async function createContext(options, io) {
  const repo = await findRepoRoot(path2.resolve(io.cwd, options.repo ?? "."));
  const config = await loadConfig(repo);
  const dataDirOption = options.dataDir ?? io.env.OPSLEDGER_DATA_DIR;
  const dataDir = dataDirOption ? path2.resolve(io.cwd, dataDirOption) : path2.resolve(repo, config.paths.data_dir);
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
function createCliApp(program, io) {
  const app = {
    out: io.out,
    env: io.env,
    cwd: io.cwd,
    exitCode: EXIT.ok,
    action(handler) {
      return async (...args) => {
        const global = program.opts();
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

export {
  createCliApp,
  reportError
};
