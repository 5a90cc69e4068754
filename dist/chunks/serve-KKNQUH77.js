function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  DELIVERY_STATUSES,
  deliveryId,
  fileDeliveryState,
  openPgDeliveryState,
  readDeliveries,
  renderDelivery
} from "./chunk-DSTJ5Z3Y.js";
import {
  assertDataDirOutside,
  readManifest
} from "./chunk-6W35WDX5.js";
import {
  openKeyStore,
  openPgKeyStore,
  parseApiKey,
  parseExpiry,
  summarizeKey,
  verifySecret
} from "./chunk-SPT6ZTBL.js";
import {
  executionFilters
} from "./chunk-YD5WQ6BD.js";
import {
  listSchedules
} from "./chunk-OVDCA5NS.js";
import {
  parseWholeNumber
} from "./chunk-74AA2PN5.js";
import {
  schemaVersion
} from "./chunk-I52HO53W.js";
import {
  openPgSession
} from "./chunk-YJZVNYMG.js";
import {
  openPgOutbox
} from "./chunk-RNGYSTUF.js";
import {
  createPool
} from "./chunk-N2NO6Y7I.js";
import {
  decideStep,
  requestCancel,
  startRunbookRun
} from "./chunk-R2CPZUNF.js";
import {
  parameterNameProblems,
  recordParameters,
  rejectControlCharacters,
  scrubText,
  startRun
} from "./chunk-ZCIQJW2G.js";
import {
  hmacSecret,
  loadHmacKey
} from "./chunk-4UPVGKS6.js";
import {
  abandonedInput,
  closeAbandonedRuns
} from "./chunk-GQPEUOIP.js";
import {
  alertOnAppend,
  levelOutbox,
  openAlerts,
  recordedVia,
  scanRecordsAfter,
  stampRecordedVia
} from "./chunk-RLKZC5XG.js";
import {
  matchWebhook
} from "./chunk-RLKHWNUI.js";
import {
  presentExecution
} from "./chunk-WF6R5N3W.js";
import {
  journalUrl
} from "./chunk-P6F2AC6G.js";
import "./chunk-JZ4A4MHT.js";
import {
  PR_CHECK_MARKER,
  renderPrCheckMarkdown
} from "./chunk-XE635CIP.js";
import {
  ROUTE_PERMISSIONS,
  decideAccess,
  executionVisibility
} from "./chunk-FW6C2LA4.js";
import {
  FETCH_REF_PREFIX,
  createGithubClient,
  fetchBranch,
  fetchPullRequest,
  fetchRefs,
  openRevertPullRequest,
  revertTargetOf
} from "./chunk-YXIJZPDK.js";
import {
  formatChangeValue,
  runPrCheck
} from "./chunk-LQZBTIRA.js";
import {
  normalizeEmail,
  resolvePrincipal
} from "./chunk-A5UXXCI2.js";
import {
  LATEST_SCHEMA_VERSION
} from "./chunk-QBPAMMMN.js";
import "./chunk-U6EHMBAM.js";
import "./chunk-XPH2G7LF.js";
import {
  compileSchedule
} from "./chunk-YW6NSWKR.js";
import "./chunk-PXRWYUTO.js";
import "./chunk-GKUXOMQD.js";
import "./chunk-NR2XG3EO.js";
import "./chunk-LS7CCVM2.js";
import "./chunk-LVNUE3KJ.js";
import "./chunk-ZQYWZ3OO.js";
import "./chunk-QDGFH3S3.js";
import "./chunk-3HNKWDGP.js";
import "./chunk-PEN3FHEJ.js";
import {
  recordRewrite
} from "./chunk-OTURJ64F.js";
import {
  APPROVALS_NOTES_REF,
  REVIEW_STATES,
  auditQuery,
  historyDirOf,
  lockRefresh,
  matchesInvalid,
  matchesQuery,
  openHistoryIndex,
  parseApprovalNoteText,
  readBranchTip,
  writeApprovalNote
} from "./chunk-EQIGQF32.js";
import "./chunk-AH7MIAEX.js";
import "./chunk-APAI45OA.js";
import {
  AUDIT_ACTIONS,
  FORGES,
  readMeta
} from "./chunk-FBEO4PPA.js";
import "./chunk-O7JP4MY6.js";
import {
  keepRunningOnClosedPipes
} from "./chunk-HGX4R2HL.js";
import {
  Option
} from "./chunk-H5P7JABC.js";
import "./chunk-J2KV253P.js";
import "./chunk-LLA3MDQI.js";
import {
  verifyJournal
} from "./chunk-O3IUMZ2D.js";
import "./chunk-VRQBZOCG.js";
import "./chunk-GCS3STA7.js";
import "./chunk-GB75QTYU.js";
import {
  runGit,
  runGitRaw
} from "./chunk-AYTYQZ6H.js";
import {
  openJournalAt
} from "./chunk-OGEFOTHU.js";
import "./chunk-7EE6QVFP.js";
import {
  newExecutionId
} from "./chunk-44J7CKGR.js";
import {
  EXECUTION_STATUSES,
  INITIATOR_VIAS,
  RUN_OUTCOMES,
  RUN_STATUSES,
  STEP_STATUSES,
  TRIGGERS,
  VERIFY_PROBLEM_KINDS
} from "./chunk-G56DPNIV.js";
import "./chunk-Q34KY2EY.js";
import "./chunk-XLWVCULI.js";
import {
  openState
} from "./chunk-2TXRGXLB.js";
import {
  fsyncDir,
  writeFileDurably
} from "./chunk-VR7KHDFB.js";
import {
  EXIT,
  OpsledgerError,
  toOpsledgerError
} from "./chunk-WDLZ6EAF.js";
import {
  withFlock
} from "./chunk-75FD6FCD.js";
import {
  setLockWaitReporter
} from "./chunk-UC4CDG3P.js";
import {
  SHIPPED_SCHEMA_DIR
} from "./chunk-J7SPUE3Q.js";
import "./chunk-5EEFVU5U.js";
import {
  PACKAGE_ROOT,
  PACKAGE_VERSION
} from "./chunk-M2VQNUJS.js";
import "./chunk-SMWZYUQH.js";
import {
  AUDITABLE_TYPES,
  DEFINITION_ID_PATTERN,
  DEFINITION_KINDS,
  DEFINITION_STATUSES,
  PARAMETER_NAME_PATTERN,
  TARGET_PATTERN
} from "./chunk-6O2CUPPL.js";
import "./chunk-O64KD3H5.js";
import "./chunk-N5OJQZGE.js";
import "./chunk-RAK6EWF2.js";

// src/cli/commands/serve.ts
import path7 from "node:path";

// src/server/start-server.ts
import { once } from "node:events";
import { createServer } from "node:http";

// src/server/bootstrap-admin-key.ts
function firstAdmin(roles) {
  const admins = [...roles].filter((r) => r.permissions.includes("admin") && r.members.length > 0).sort((a, b) => a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return admins[0]?.members[0]?.toLowerCase() ?? "admin@localhost";
}
async function bootstrapAdminKey(keys, roles, now, expiresAt) {
  return keys.exclusive ? keys.exclusive(() => makeFirst(keys, roles, now, expiresAt)) : makeFirst(keys, roles, now, expiresAt);
}
async function makeFirst(keys, roles, now, expiresAt) {
  if ((await keys.list()).length > 0) return null;
  const user = firstAdmin(roles);
  const { record, key } = await keys.create(
    {
      user,
      name: "bootstrap-admin",
      created_by: "opsledger serve (first start)",
      expires_at: expiresAt,
      rate_limit: null
    },
    now
  );
  return { key, id: record.id, user, expires_at: record.expires_at };
}

// src/server/create-app.ts
import express2 from "express";

// src/server/fast-lane.ts
import { parse as parseQuery } from "node:querystring";

// src/access/authenticate-key.ts
var PUBLIC_MESSAGE = {
  missing: "an API key is required",
  scheme: "use Authorization: Basic base64(email:apikey) or Bearer apikey",
  malformed: "invalid API key",
  unknown: "invalid API key",
  secret: "invalid API key",
  revoked: "invalid API key",
  expired: "invalid API key",
  user: "invalid API key"
};
var AuthError = class extends OpsledgerError {
  reason;
  constructor(reason) {
    super(reason === "missing" ? "AUTH_REQUIRED" : "KEY_INVALID", PUBLIC_MESSAGE[reason], {
      hint: reason === "missing" || reason === "scheme" ? "Send Authorization: Bearer <key> or Basic base64(<email>:<key>); create a key with `opsledger keys create`." : "The key is unknown, revoked, expired or not yours; ask an admin for a new one (`opsledger keys create`)."
    });
    this.reason = reason;
  }
};
function readAuthorization(header2) {
  if (!header2 || header2.trim() === "") throw new AuthError("missing");
  const m = /^\s*(\w+)\s+(\S+)\s*$/.exec(header2);
  if (!m) throw new AuthError("scheme");
  const scheme = m[1].toLowerCase();
  const value = m[2];
  if (scheme === "bearer") return { key: value, email: null };
  if (scheme !== "basic") throw new AuthError("scheme");
  const decoded = Buffer.from(value, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon <= 0) throw new AuthError("scheme");
  return { email: decoded.slice(0, colon), key: decoded.slice(colon + 1) };
}
function presentedKeyId(header2) {
  try {
    return parseApiKey(readAuthorization(header2).key)?.id ?? null;
  } catch {
    return null;
  }
}
async function authenticateKey(header2, findKey, now) {
  const { key, email } = readAuthorization(header2);
  const parsed = parseApiKey(key);
  if (!parsed) throw new AuthError("malformed");
  const record = await findKey(parsed.id);
  if (!record) throw new AuthError("unknown");
  if (!verifySecret(parsed.secret, record.hash)) throw new AuthError("secret");
  if (record.revoked_at !== null) throw new AuthError("revoked");
  if (record.expires_at !== null && Date.parse(record.expires_at) <= now.getTime())
    throw new AuthError("expired");
  if (email !== null && normalizeEmail(email) !== normalizeEmail(record.user)) throw new AuthError("user");
  return record;
}

// src/server/auth-failure-limits.ts
function createAuthFailureLimits(options) {
  const windows = /* @__PURE__ */ new Map();
  const maxEntries = options.maxEntries ?? 1e5;
  const current = (key, nowMs) => {
    const w = windows.get(key);
    if (!w || w.resetAt <= nowMs) return null;
    return w;
  };
  const waitOf = (w, limit, nowMs) => w && w.count > limit ? Math.max(1, Math.ceil((w.resetAt - nowMs) / 1e3)) : null;
  const bump = (key, nowMs) => {
    let w = current(key, nowMs);
    if (!w) {
      if (windows.size >= maxEntries) prune(nowMs);
      w = { count: 0, resetAt: nowMs + options.windowMs };
      windows.delete(key);
      windows.set(key, w);
    }
    w.count += 1;
    return w;
  };
  const prune = (nowMs) => {
    for (const [key, w] of windows) if (w.resetAt <= nowMs) windows.delete(key);
    for (const key of windows.keys()) {
      if (windows.size < maxEntries) break;
      windows.delete(key);
    }
  };
  return {
    addressWait: (address, nowMs) => waitOf(current(`addr:${address}`, nowMs), options.perAddress, nowMs),
    recordFailure(address, keyId, nowMs) {
      const waits = [waitOf(bump(`addr:${address}`, nowMs), options.perAddress, nowMs)];
      if (keyId !== null) waits.push(waitOf(bump(`key:${keyId}`, nowMs), options.perKeyId, nowMs));
      const over = waits.filter((w) => w !== null);
      return over.length > 0 ? Math.max(...over) : null;
    }
  };
}

// src/server/request-locals.ts
function localsOf(res) {
  return res.locals;
}

// src/server/verified-keys.ts
import { createHash } from "node:crypto";
var VerifiedKeys = class {
  constructor(max = 1e3) {
    this.max = max;
  }
  max;
  byDigest = /* @__PURE__ */ new Map();
  /** The digest a header is known by. */
  digest(header2) {
    return createHash("sha256").update(header2).digest("base64");
  }
  /** The key id a header was verified for, when it was, and what its check read. */
  get(digest) {
    return this.byDigest.get(digest);
  }
  remember(digest, record) {
    if (this.byDigest.size >= this.max) this.byDigest.clear();
    this.byDigest.set(digest, { keyId: record.id, hash: record.hash, user: record.user });
  }
  /** Whether the record now stored for a hit is still the one its header was verified against (same hash, same user). */
  holds(hit, record) {
    return record.id === hit.keyId && record.hash === hit.hash && record.user === hit.user;
  }
  forget(digest) {
    this.byDigest.delete(digest);
  }
};

// src/server/middleware/rate-limits.ts
import { AsyncLocalStorage } from "node:async_hooks";
import { createHash as createHash2 } from "node:crypto";
import {
  ipKeyGenerator,
  MemoryStore,
  rateLimit
} from "express-rate-limit";
function rateLimited(req, res, next) {
  if (!res.getHeader("Retry-After")) {
    const reset = req.rateLimit?.resetTime;
    const seconds = reset ? Math.max(1, Math.ceil((reset.getTime() - Date.now()) / 1e3)) : 1;
    res.setHeader("Retry-After", String(seconds));
  }
  next(new OpsledgerError("RATE_LIMITED", "too many requests"));
}
function authFailureLimited(res, seconds) {
  res.setHeader("Retry-After", String(seconds));
  return new OpsledgerError("RATE_LIMITED", "too many failed authentications", {
    hint: "Check the API key you send; wait for the seconds in the Retry-After header, then retry."
  });
}
function clientAddress(req) {
  return ipKeyGenerator(req.ip ?? req.socket.remoteAddress ?? "unknown");
}
var IDENTIFIER = "per-key";
var partitionKey = (storeKey) => Buffer.from(createHash2("sha256").update(storeKey).digest("hex").slice(0, 12)).toString("base64");
function createKeyLimiter(limits, keyOf, store = new MemoryStore()) {
  const limitOf = (key) => typeof key?.rate_limit === "number" ? key.rate_limit : limits.rateLimit;
  const storeKeyOf = (key) => `key:${key?.id ?? "none"}`;
  const precounted = new AsyncLocalStorage();
  const counting = new CountOnceStore(store, (storeKey) => {
    const pending = precounted.getStore();
    if (!pending || pending.taken || pending.counted.storeKey !== storeKey) return null;
    pending.taken = true;
    return pending.counted;
  });
  const limiter = rateLimit({
    // Shared by every instance on a PostgreSQL journal; otherwise in this process's memory.
    store: counting,
    windowMs: limits.rateWindowMs,
    limit: (_req, res) => limitOf(keyOf(res)),
    keyGenerator: (_req, res) => storeKeyOf(keyOf(res)),
    skip: (_req, res) => keyOf(res)?.rate_limit === "off",
    identifier: IDENTIFIER,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    handler: rateLimited
  });
  const windowSeconds = Math.ceil(limits.rateWindowMs / 1e3);
  const partitionKeys = /* @__PURE__ */ new Map();
  const middleware = (req, res, next) => keyOf(res)?.rate_limit === "off" ? next() : limiter(req, res, next);
  return Object.assign(middleware, {
    async count(key) {
      if (key.rate_limit === "off") return null;
      const storeKey = storeKeyOf(key);
      const { totalHits, resetTime } = await store.increment(storeKey);
      return { storeKey, limit: limitOf(key), totalHits, resetTime };
    },
    setHeaders(res, c) {
      const remaining = Math.max(c.limit - c.totalHits, 0);
      const reset = c.resetTime ? Math.max(0, Math.ceil((c.resetTime.getTime() - Date.now()) / 1e3)) : windowSeconds;
      let pk = partitionKeys.get(c.storeKey);
      if (pk === void 0) {
        if (partitionKeys.size >= 1e4) partitionKeys.clear();
        partitionKeys.set(c.storeKey, pk = partitionKey(c.storeKey));
      }
      res.setHeader("RateLimit", `"${IDENTIFIER}"; r=${remaining}; t=${reset}`);
      res.setHeader("RateLimit-Policy", `"${IDENTIFIER}"; q=${c.limit}; w=${windowSeconds}; pk=:${pk}:`);
    },
    counted(c, fn) {
      precounted.run({ counted: c, taken: false }, fn);
    }
  });
}
var CountOnceStore = class {
  constructor(inner, takeCounted) {
    this.inner = inner;
    this.takeCounted = takeCounted;
    this.localKeys = inner.localKeys ?? true;
    this.prefix = inner.prefix;
  }
  inner;
  takeCounted;
  localKeys;
  prefix;
  init(options) {
    this.inner.init?.(options);
  }
  async increment(key) {
    const counted = this.takeCounted(key);
    if (counted) return { totalHits: counted.totalHits, resetTime: counted.resetTime };
    return this.inner.increment(key);
  }
  async decrement(key) {
    await this.inner.decrement(key);
  }
  async resetKey(key) {
    await this.inner.resetKey(key);
  }
  async get(key) {
    return this.inner.get?.(key);
  }
  async resetAll() {
    await this.inner.resetAll?.();
  }
  async shutdown() {
    await this.inner.shutdown?.();
  }
};

// src/server/middleware/authenticate.ts
var principals = /* @__PURE__ */ new WeakMap();
function principalOf(user, roles) {
  let byUser = principals.get(roles);
  if (!byUser) principals.set(roles, byUser = /* @__PURE__ */ new Map());
  let principal = byUser.get(user);
  if (!principal) byUser.set(user, principal = resolvePrincipal(user, roles));
  return principal;
}
function authenticate(deps) {
  const failures = createAuthFailureLimits({
    perAddress: deps.limits.authFailures,
    perKeyId: deps.limits.keyIdFailures,
    windowMs: deps.limits.rateWindowMs
  });
  const verified = new VerifiedKeys();
  const known = async (digest, now) => {
    const hit = verified.get(digest);
    if (!hit) return null;
    const record = await deps.keys.find(hit.keyId);
    const expired = record?.expires_at != null && Date.parse(record.expires_at) <= now.getTime();
    if (record !== null && verified.holds(hit, record) && record.revoked_at === null && !expired)
      return record;
    verified.forget(digest);
    return null;
  };
  const check = async (req, res, next) => {
    const now = deps.now();
    const header2 = req.headers.authorization;
    const digest = header2 ? verified.digest(header2) : null;
    let key = digest === null ? null : await known(digest, now);
    if (key === null) {
      const address = clientAddress(req);
      const keyId = presentedKeyId(header2);
      const addressWait = keyId === null ? failures.addressWait(address, Date.now()) : null;
      if (addressWait !== null) throw authFailureLimited(res, addressWait);
      try {
        key = await authenticateKey(header2, (id) => deps.keys.find(id), now);
      } catch (err) {
        const wait = err instanceof AuthError ? failures.recordFailure(address, keyId, Date.now()) : null;
        if (wait !== null) throw authFailureLimited(res, wait);
        throw err;
      }
      if (digest !== null) verified.remember(digest, key);
    }
    deps.keys.touch(key.id, now);
    const locals = localsOf(res);
    locals.key = key;
    locals.principal = principalOf(key.user, deps.roles.roles());
    next();
  };
  return Object.assign(check, {
    verified: (header2, now) => header2 ? known(verified.digest(header2), now) : Promise.resolve(null)
  });
}

// src/server/middleware/reject-control-characters.ts
var CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
function decodeOrNull(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}
var rejectControlCharacters2 = (req, _res, next) => {
  checkUrlCharacters(req.originalUrl);
  next();
};
function checkUrlCharacters(raw) {
  if (!raw.includes("%")) {
    if (CONTROL.test(raw)) throw controlCharacter();
    return;
  }
  const query = raw.indexOf("?");
  const parts = [query === -1 ? raw : raw.slice(0, query)];
  if (query !== -1) {
    for (const pair of raw.slice(query + 1).split("&"))
      parts.push(...pair.split("=").map((p) => p.replace(/\+/g, " ")));
  }
  for (const part of parts) {
    const decoded = decodeOrNull(part);
    if (decoded === null) {
      throw new OpsledgerError("INPUT_INVALID", "the request path or query has a malformed %-escape", {
        hint: "Percent-encode the URL as RFC 3986 says (e.g. a space is %20)."
      });
    }
    if (CONTROL.test(decoded) || CONTROL.test(part)) throw controlCharacter();
  }
}
function controlCharacter() {
  return new OpsledgerError("INPUT_INVALID", "the request path or query has a control character", {
    hint: "Ids, filters and report paths never contain control characters (NUL, CR, LF, ESC, ...)."
  });
}

// src/server/middleware/request-log.ts
import { randomUUID } from "node:crypto";
function startRequestLog(logger, req, res, locals, pathOf) {
  const requestId = randomUUID();
  locals.requestId = requestId;
  res.setHeader("X-Request-Id", requestId);
  if (!logger.isLevelEnabled("info")) return;
  const started = process.hrtime.bigint();
  res.on("finish", () => {
    const { key } = locals;
    logger.info(
      {
        req: { id: requestId, method: req.method, path: pathOf(), remote: req.socket.remoteAddress },
        res: { status: res.statusCode },
        key_id: key?.id ?? null,
        user: key?.user ?? null,
        ms: Number(process.hrtime.bigint() - started) / 1e6
      },
      "request"
    );
  });
}
function requestLog(logger) {
  return (req, res, next) => {
    startRequestLog(logger, req, res, res.locals, () => req.path);
    next();
  };
}

// src/server/middleware/security-headers.ts
import helmet from "helmet";
var POLICY = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'none'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'none'"]
    }
  },
  crossOriginResourcePolicy: { policy: "same-origin" }
});
function collectHeaders() {
  const headers = [];
  const res = {
    setHeader: (name, value) => headers.push([name, String(value)]),
    removeHeader: () => void 0
  };
  POLICY({}, res, () => void 0);
  return headers;
}
function securityHeaders() {
  return (_req, res, next) => {
    setSecurityHeaders(res);
    next();
  };
}
var collected = null;
function setSecurityHeaders(res) {
  collected ??= collectHeaders();
  for (const [name, value] of collected) res.setHeader(name, value);
}

// src/server/route-spec.ts
function defineRoute(spec) {
  return spec;
}
var API_BASE = "/api/v1";
function fullPath(spec) {
  return (spec.mount ?? API_BASE) === "/" ? spec.path : `${API_BASE}${spec.path}`;
}
var patterns = /* @__PURE__ */ new WeakMap();
function routePattern(spec) {
  let re = patterns.get(spec);
  if (!re) {
    const escaped = fullPath(spec).replace(/[.+^$()|[\]\\]/g, "\\$&");
    const source = escaped.replace(/\{\w+\}$/, spec.wildcard ? ".+" : "[^/]+").replace(/\{\w+\}/g, "[^/]+");
    re = new RegExp(`^${source}/?$`);
    patterns.set(spec, re);
  }
  return re;
}
function expressPath(spec) {
  const p = fullPath(spec);
  if (spec.wildcard) return p.replace(/\{(\w+)\}$/, "*$1");
  return p.replace(/\{(\w+)\}/g, ":$1");
}
var LIST_QUERY = {
  limit: {
    schema: { type: "integer", minimum: 1, maximum: 500, default: 100 },
    description: "Items per page (at most 500)."
  },
  cursor: {
    schema: { type: "string", minLength: 1, maxLength: 2e3 },
    description: "The `next_cursor` of the previous page (opaque)."
  }
};
var ID_PARAM = {
  schema: { type: "string", pattern: DEFINITION_ID_PATTERN },
  description: "Definition id (docs/definitions.md).",
  required: true
};

// src/server/send-reply.ts
function drained(res) {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}
async function sendReply(res, reply2, recordAccess) {
  if ("ndjson" in reply2) {
    res.status(200).type("application/x-ndjson; charset=utf-8");
    let count = 0;
    for await (const item of reply2.ndjson) {
      if (res.destroyed) break;
      count++;
      if (!res.write(`${JSON.stringify(item)}
`)) await drained(res);
    }
    recordAccess(200, count);
    res.end();
    return;
  }
  if ("html" in reply2) {
    if (reply2.csp) res.setHeader("Content-Security-Policy", reply2.csp);
    res.status(200).type("text/html; charset=utf-8").send(reply2.html);
    return;
  }
  if ("file" in reply2) {
    res.setHeader("Content-Security-Policy", reply2.csp);
    res.setHeader("Cache-Control", reply2.cacheControl ?? "no-store");
    await new Promise(
      (resolve, reject) => res.sendFile(
        reply2.file,
        { dotfiles: "allow", headers: { "Content-Type": reply2.contentType } },
        (err) => err ? reject(err) : resolve()
      )
    );
    return;
  }
  if ("json" in reply2) {
    const status2 = reply2.status ?? 200;
    recordAccess(status2, reply2.count ?? null);
    res.statusCode = status2;
    res.setHeader("Content-Type", "application/json; charset=utf-8");
    res.setHeader("Content-Length", Buffer.byteLength(reply2.json));
    res.end(reply2.json);
    return;
  }
  const status = reply2.status ?? 200;
  for (const [k, v] of Object.entries(reply2.headers ?? {})) res.setHeader(k, v);
  recordAccess(status, reply2.count ?? null);
  res.status(status).json(reply2.body);
}

// src/server/fast-lane.ts
var UNUSUAL_URL = /[\t\n\f\r #\u00a0\ufeff]/;
function createFastLane(routes, parts) {
  const { app, deps, logger, checkKey, keyLimiter, recordAccess, handleError } = parts;
  const byPath = /* @__PURE__ */ new Map();
  for (const r of routes) {
    if (r.spec.method !== "get" || r.spec.permission === "public" || /[{}]/.test(r.spec.path)) {
      throw new Error(`route ${r.spec.method} ${fullPath(r.spec)} cannot take the fast lane`);
    }
    byPath.set(fullPath(r.spec), r);
  }
  const expressify = (req, res) => {
    const request = req;
    const response = res;
    request.res = response;
    response.req = request;
    Object.setPrototypeOf(request, app.request);
    Object.setPrototypeOf(response, app.response);
    request.originalUrl = req.url ?? "";
    request.baseUrl = "";
    request.params = {};
    return [request, response];
  };
  const precheck = async (req, spec, validator2, search, now) => {
    const key = await checkKey.verified(req.headers.authorization, now);
    if (key === null) return null;
    const principal = principalOf(key.user, deps.roles.roles());
    if (!decideAccess(principal, { kind: "route", permission: spec.permission })) return null;
    const rawQuery = parseQuery(search);
    const query = validator2.query(rawQuery);
    return { key, principal, rawQuery, query, counted: await keyLimiter.count(key) };
  };
  const serve = async (req, res, route, path8, search, express3) => {
    const { spec, validator: validator2 } = route;
    const now = deps.now();
    let checked;
    try {
      checked = await precheck(req, spec, validator2, search, now);
    } catch {
      checked = null;
    }
    if (checked === null) return express3();
    const { key, principal, rawQuery, query, counted } = checked;
    if (counted !== null && counted.totalHits > counted.limit) return keyLimiter.counted(counted, express3);
    const locals = { requestId: "", spec };
    res.locals = locals;
    startRequestLog(logger, req, res, locals, () => path8);
    setSecurityHeaders(res);
    deps.keys.touch(key.id, now);
    locals.key = key;
    locals.principal = principal;
    if (counted !== null) keyLimiter.setHeaders(res, counted);
    const accessed = { method: "GET", path: path8, query: rawQuery };
    try {
      const ctx = {
        deps,
        principal,
        key,
        params: validator2.params({}),
        query,
        body: validator2.body(void 0),
        rawBody: null,
        headers: req.headers,
        ndjson: false,
        requestId: locals.requestId
      };
      const reply2 = await spec.handle(ctx);
      const onSent = (status, count) => recordAccess(accessed, { locals }, status, count);
      if ("json" in reply2) await sendReply(res, reply2, onSent);
      else await sendReply(expressify(req, res)[1], reply2, onSent);
    } catch (err) {
      const [request, response] = expressify(req, res);
      handleError(err, request, response, () => void 0);
    }
  };
  return (req, res, express3) => {
    if (req.method !== "GET") return false;
    const url = req.url ?? "";
    const q = url.indexOf("?");
    const path8 = q === -1 ? url : url.slice(0, q);
    const route = byPath.get(path8);
    if (!route) return false;
    const accept = req.headers.accept;
    if (UNUSUAL_URL.test(url) || accept !== void 0 && accept !== "*/*" && accept !== "application/json") {
      return false;
    }
    try {
      checkUrlCharacters(url);
    } catch {
      return false;
    }
    serve(req, res, route, path8, q === -1 ? "" : url.slice(q + 1), express3).catch((err) => {
      logger.error({ err }, "fast lane failed");
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
    return true;
  };
}

// src/server/openapi/compile-validators.ts
import { Ajv2020 } from "ajv/dist/2020.js";
import * as addFormatsModule from "ajv-formats";
var addFormats = addFormatsModule.default;
var COMPONENTS_ID = "opsledger-components";
function rewriteRefs(schema) {
  if (Array.isArray(schema)) return schema.map(rewriteRefs);
  if (schema && typeof schema === "object") {
    const out = {};
    for (const [k, v] of Object.entries(schema)) {
      out[k] = k === "$ref" && typeof v === "string" && v.startsWith("#/components/schemas/") ? `${COMPONENTS_ID}#/$defs/${v.slice("#/components/schemas/".length)}` : rewriteRefs(v);
    }
    return out;
  }
  return schema;
}
function createSchemaCompiler(doc, options) {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    strictTypes: false,
    strictRequired: false,
    allowUnionTypes: true,
    coerceTypes: options.coerce,
    useDefaults: options.coerce
  });
  addFormats(ajv);
  ajv.addSchema({ $id: COMPONENTS_ID, $defs: rewriteRefs(doc.components.schemas) });
  return (schema) => ajv.compile(rewriteRefs(schema));
}
function describe(where, e, allowed) {
  const name = e.instancePath.replace(/^\//, "").replaceAll("/", ".");
  switch (e.keyword) {
    case "additionalProperties": {
      const extra = e.params.additionalProperty;
      const list = allowed.length ? ` (allowed: ${allowed.join(", ")})` : "";
      return where === "body" ? `unknown field "${[name, extra].filter(Boolean).join(".")}" in the body` : `unknown ${where} parameter "${extra}"${list}`;
    }
    case "required":
      return `missing ${where === "body" ? "field" : `${where} parameter`} "${[name, e.params.missingProperty].filter(Boolean).join(".")}"`;
    case "enum":
      return `${where} ${name ? `"${name}" ` : ""}must be one of ${e.params.allowedValues.map(String).join(", ")}`;
    default:
      return `${where}${name ? ` "${name}"` : ""} ${e.message ?? "is invalid"}`;
  }
}
function objectSchema(params, requiredAll) {
  return {
    type: "object",
    additionalProperties: false,
    properties: Object.fromEntries(Object.entries(params).map(([n, p]) => [n, p.schema])),
    required: Object.entries(params).filter(([, p]) => requiredAll || p.required).map(([n]) => n)
  };
}
function validator(where, validate, allowed) {
  return (value) => {
    if (validate(value)) return value;
    const errors = validate.errors ?? [];
    const first = errors.find((e) => e.keyword === "additionalProperties") ?? errors[0];
    throw new OpsledgerError("INPUT_INVALID", first ? describe(where, first, allowed) : `invalid ${where}`, {
      hint: where === "body" ? "Check the request body against the schema in /api/v1/openapi.json." : `See the ${where} parameters of this route in /api/v1/openapi.json${allowed.length ? ` (${allowed.join(", ")})` : ""}.`
    });
  };
}
function compileRequestValidator(spec, compileCoercing, compileStrict) {
  const queryNames = Object.keys(spec.query ?? {});
  const query = validator("query", compileCoercing(objectSchema(spec.query ?? {}, false)), queryNames);
  const params = validator("path", compileCoercing(objectSchema(spec.params ?? {}, true)), []);
  const body = spec.body ? validator("body", compileStrict(spec.body.schema), []) : null;
  return {
    query: (raw) => query({ ...raw }),
    params: (raw) => params({ ...raw }),
    body: (raw) => {
      if (!body) return void 0;
      if (raw === void 0) {
        if (spec.body?.optional) return body({});
        throw new OpsledgerError("INPUT_INVALID", "a JSON body is required", {
          hint: "Send Content-Type: application/json with a JSON object body."
        });
      }
      return body(raw);
    }
  };
}

// src/server/http-error.ts
function toHttpError(err, requestId) {
  if (err instanceof OpsledgerError) return err;
  const e = err;
  switch (e?.type) {
    case "entity.too.large":
      return new OpsledgerError("BODY_TOO_LARGE", `request body larger than ${e.limit ?? "the limit"} bytes`);
    case "entity.parse.failed":
      return new OpsledgerError("INPUT_INVALID", "malformed JSON body", {
        hint: "Send a JSON object with Content-Type: application/json."
      });
    case "encoding.unsupported":
    case "charset.unsupported":
      return new OpsledgerError("UNSUPPORTED_MEDIA_TYPE", e.message ?? "unsupported body encoding");
    case "request.aborted":
    case "request.size.invalid":
      return new OpsledgerError("INPUT_INVALID", "incomplete request body");
    default:
      break;
  }
  const status = e?.status ?? e?.statusCode;
  if (typeof status === "number" && status >= 400 && status < 500) {
    return new OpsledgerError(
      "INPUT_INVALID",
      status === 400 ? "bad request (malformed URL or header)" : `client error ${status}`
    );
  }
  const internal = toOpsledgerError(err);
  return new OpsledgerError("INTERNAL", `internal error (request ${requestId})`, {
    cause: internal.cause ?? err,
    hint: "This is a bug in opsledger; the server log has the details under this request id."
  });
}

// src/server/middleware/handle-errors.ts
function handleErrors(logger, recordAccess) {
  return (err, req, res, _next) => {
    const { requestId } = localsOf(res);
    const e = toHttpError(err, requestId);
    if (e.code === "INTERNAL") logger.error({ err, req: { id: requestId } }, "request failed");
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (e.httpStatus === 401)
      res.setHeader("WWW-Authenticate", 'Basic realm="opsledger", Bearer realm="opsledger"');
    recordAccess(req, res, e.httpStatus, null);
    res.status(e.httpStatus).json(e.toJSON());
  };
}

// src/server/middleware/json-body.ts
import express from "express";

// src/server/check-json-depth.ts
var MAX_JSON_DEPTH = 32;
function checkJsonDepth(body, max = MAX_JSON_DEPTH) {
  const stack = [{ value: body, depth: 0 }];
  while (stack.length > 0) {
    const { value, depth } = stack.pop();
    if (typeof value !== "object" || value === null) continue;
    if (depth >= max) {
      throw new OpsledgerError("INPUT_INVALID", `the JSON body nests deeper than ${max} levels`, {
        hint: "Send the body the route documents (docs/api.md); no request needs that much nesting."
      });
    }
    for (const child of Object.values(value)) stack.push({ value: child, depth: depth + 1 });
  }
  return body;
}

// src/server/middleware/json-body.ts
function jsonBody(maxBytes) {
  const requireJson = (req, _res, next) => {
    if (req.headers["content-type"] !== void 0 && req.is("application/json") === false) {
      throw new OpsledgerError(
        "UNSUPPORTED_MEDIA_TYPE",
        `body of type ${req.headers["content-type"] ?? "unknown"}`
      );
    }
    next();
  };
  const parse = express.json({
    limit: maxBytes,
    strict: true,
    type: "application/json",
    verify: (req, _res, buf) => {
      req.rawBody = buf;
    }
  });
  const boundDepth = (req, _res, next) => {
    checkJsonDepth(req.body);
    next();
  };
  return [requireJson, parse, boundDepth];
}

// src/server/middleware/require-permission.ts
function requirePermission(permission) {
  const guard = (_req, res, next) => {
    if (!decideAccess(localsOf(res).principal ?? null, { kind: "route", permission })) {
      throw new OpsledgerError("PERMISSION_DENIED", `this needs the ${permission} permission`);
    }
    next();
  };
  return Object.assign(guard, { permission });
}

// src/server/middleware/route-not-found.ts
function routeNotFound(routes) {
  const known = routes.map((r) => ({ method: r.method.toUpperCase(), re: routePattern(r) }));
  return (req, res) => {
    const allowed = [...new Set(known.filter((k) => k.re.test(req.path)).map((k) => k.method))];
    if (allowed.length) {
      res.setHeader("Allow", [...allowed, ...allowed.includes("GET") ? ["HEAD"] : []].join(", "));
      throw new OpsledgerError("METHOD_NOT_ALLOWED", `${req.method} is not allowed on ${req.path}`);
    }
    throw new OpsledgerError("NOT_FOUND", `no route ${req.method} ${req.path}`, {
      hint: "See the routes in /api/v1/docs or /api/v1/openapi.json."
    });
  };
}

// src/server/handle-route.ts
function prefersNdjson(req) {
  return req.accepts(["application/json", "application/x-ndjson"]) === "application/x-ndjson";
}
function handleRoute(spec, validator2, deps, recordAccess) {
  const offered = spec.ndjson ? ["application/json", "application/x-ndjson"] : ["application/json"];
  const negotiates = spec.mount !== "/" && spec.permission !== "public";
  return async (req, res) => {
    const rawParams = { ...req.params };
    if (spec.wildcard) {
      for (const [k, val] of Object.entries(rawParams)) if (Array.isArray(val)) rawParams[k] = val.join("/");
    }
    if (negotiates && req.accepts(offered) === false) {
      throw new OpsledgerError("NOT_ACCEPTABLE", `this route answers ${offered.join(" or ")}`);
    }
    const l = localsOf(res);
    const ctx = {
      deps,
      principal: l.principal ?? null,
      key: l.key ?? null,
      params: validator2.params(rawParams),
      query: validator2.query(req.query),
      body: validator2.body(req.body),
      rawBody: req.rawBody ?? null,
      headers: req.headers,
      ndjson: spec.ndjson === true && prefersNdjson(req),
      requestId: l.requestId
    };
    await sendReply(res, await spec.handle(ctx), (status, count) => recordAccess(req, res, status, count));
  };
}

// src/server/parse-trust-proxy.ts
import { isIP } from "node:net";
var RANGE_NAMES = /* @__PURE__ */ new Set(["loopback", "linklocal", "uniquelocal"]);
function parseTrustProxy(value, source) {
  if (typeof value === "boolean") return value;
  if (typeof value === "number") {
    if (Number.isInteger(value) && value >= 0) return value;
    throw badTrustProxy(String(value), source);
  }
  const text = value.trim();
  if (text === "true" || text === "false") return text === "true";
  if (/^\d+$/.test(text)) return Number(text);
  const entries = text.split(",").map((e) => e.trim());
  for (const entry of entries) {
    const [address, bits, extra] = entry.split("/");
    const family = isIP(address ?? "");
    const okBits = bits === void 0 || /^\d+$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32);
    if (!RANGE_NAMES.has(entry) && (family === 0 || !okBits || extra !== void 0)) {
      throw badTrustProxy(value, source);
    }
  }
  return entries;
}
function badTrustProxy(value, source) {
  return new OpsledgerError(
    source.startsWith("--") ? "USAGE" : "CONFIG_INVALID",
    `${source} "${value}": expected true, false, a hop count, or proxy addresses/subnets`,
    {
      hint: "E.g. `loopback`, `10.0.0.0/8, 192.168.1.10` or `1`; trust only the proxies in front of the server, or a client can choose its own address."
    }
  );
}

// src/server/record-access.ts
function createAccessRecorder(deps) {
  return (req, res, status, count) => {
    const l = localsOf(res);
    if (!l.spec?.accessLog || l.accessLogged) return;
    l.accessLogged = true;
    deps.accessLog.append({
      time: deps.now().toISOString(),
      request_id: l.requestId,
      key_id: l.key?.id ?? null,
      user: l.key?.user ?? null,
      method: req.method,
      route: fullPath(l.spec),
      path: req.path,
      query: { ...req.query },
      status,
      result_count: count
    });
  };
}

// src/server/openapi/components.ts
import { readFileSync } from "node:fs";
import path from "node:path";
var RUNBOOK_AUDIT_TYPES = ["Runbook", "Runbooks::Step"];
var TARGET_LIST = {
  type: "array",
  maxItems: 1e3,
  uniqueItems: true,
  items: { type: "string", pattern: TARGET_PATTERN }
};
var PARAMETER_VALUES = {
  type: "object",
  maxProperties: 200,
  propertyNames: { pattern: PARAMETER_NAME_PATTERN },
  additionalProperties: { type: ["string", "number", "boolean"] }
};
var SCHEDULED_KINDS = DEFINITION_KINDS.filter((k) => k !== "role");
var ref = (name) => ({ $ref: `#/components/schemas/${name}` });
function listOf(item) {
  return {
    type: "object",
    additionalProperties: false,
    required: ["data", "next_cursor"],
    properties: {
      data: { type: "array", items: item },
      next_cursor: {
        type: ["string", "null"],
        description: "Pass as `cursor` for the next page; null on the last."
      }
    }
  };
}
function definitionSchemas(name, file) {
  const componentOf = (def) => `${name}${def.charAt(0).toUpperCase()}${def.slice(1)}`;
  const text = readFileSync(path.join(SHIPPED_SCHEMA_DIR, file), "utf8").replace(
    /"#\/definitions\/([A-Za-z0-9_-]+)"/g,
    (_, def) => JSON.stringify(`#/components/schemas/${componentOf(def)}`)
  );
  const schema = JSON.parse(text);
  const defs = schema.definitions ?? {};
  delete schema.$schema;
  delete schema.$id;
  delete schema.definitions;
  const out = { [name]: schema };
  for (const [def, value] of Object.entries(defs)) out[componentOf(def)] = value;
  return out;
}
function versionOf(kind) {
  return {
    allOf: [ref("DefinitionVersion")],
    properties: { definition: ref(kind) },
    description: `A version of a ${kind.toLowerCase()}: its parsed content under \`definition\`, where it lives and when it was committed.`
  };
}
var AUDIT_USER = {
  type: "object",
  required: ["name", "email"],
  properties: { name: { type: "string" }, email: { type: "string" } }
};
var DATE_TIME = { type: "string", format: "date-time" };
var WHO_AND_WHEN = {
  type: "object",
  required: ["user", "at"],
  properties: { user: { type: "string" }, at: DATE_TIME }
};
function componentSchemas() {
  return {
    Error: {
      type: "object",
      additionalProperties: false,
      required: ["error"],
      properties: {
        error: {
          type: "object",
          additionalProperties: false,
          required: ["code", "message", "hint"],
          properties: {
            code: { type: "string", description: "Stable code from the error catalog." },
            message: { type: "string" },
            hint: { type: "string", description: "The next thing to do." }
          }
        }
      }
    },
    ...definitionSchemas("Action", "action.schema.json"),
    ...definitionSchemas("Runbook", "runbook.schema.json"),
    ...definitionSchemas("Role", "role.schema.json"),
    ActionVersion: versionOf("Action"),
    RunbookVersion: versionOf("Runbook"),
    DefinitionVersion: {
      type: "object",
      required: ["id", "version", "commit", "blob", "path", "created_at", "definition"],
      properties: {
        id: { type: "string" },
        version: { type: "integer", minimum: 1 },
        commit: { type: "string", pattern: "^[0-9a-f]{40,64}$" },
        blob: { type: "string" },
        path: { type: "string" },
        created_at: { ...DATE_TIME, description: "When this version was committed to the tracked branch." },
        definition: { type: "object", description: "The parsed definition (Action or Runbook schema)." }
      }
    },
    AuditUser: AUDIT_USER,
    AuditEvent: {
      type: "object",
      description: "docs/history.md.",
      required: [
        "id",
        "auditable_type",
        "auditable_id",
        "action",
        "version",
        "audited_changes",
        "user",
        "commit",
        "created_at",
        "path",
        "message",
        "pull_request",
        "revert_of"
      ],
      properties: {
        id: { type: "string" },
        auditable_type: { enum: [...AUDITABLE_TYPES] },
        auditable_id: { type: "string" },
        action: { enum: [...AUDIT_ACTIONS] },
        version: { type: "integer", minimum: 1 },
        audited_changes: { type: "object" },
        user: ref("AuditUser"),
        commit: { type: "string" },
        created_at: DATE_TIME,
        path: { type: "string" },
        message: { type: "string" },
        pull_request: { type: ["integer", "null"] },
        revert_of: { type: ["string", "null"] },
        blob: { type: ["string", "null"] },
        authors: { type: "array", items: ref("AuditUser") },
        committer: ref("AuditUser"),
        // Issue 14 (docs/history.md "Audit events").
        valid: { type: "boolean" },
        problems: {
          type: "array",
          items: {
            type: "object",
            properties: {
              code: { type: "string" },
              pointer: { type: "string" },
              message: { type: "string" }
            }
          }
        },
        changed_by: {
          type: ["object", "null"],
          additionalProperties: {
            type: "object",
            properties: { name: { type: "string" }, email: { type: "string" }, commit: { type: "string" } }
          }
        },
        merged_by: { oneOf: [ref("AuditUser"), { type: "null" }] },
        restores: {
          type: ["object", "null"],
          properties: { version: { type: "integer" }, commit: { type: "string" } }
        },
        partial: { type: "boolean" },
        forge: { enum: [...FORGES, null] },
        // Issue 18 (docs/history.md "Approvals"): from refs/notes/opsledger/approvals, null when none.
        approvals: {
          type: ["array", "null"],
          items: {
            type: "object",
            properties: {
              reviewer_login: { type: "string" },
              email: { type: ["string", "null"] },
              state: { enum: [...REVIEW_STATES] },
              commit_id: { type: "string" },
              submitted_at: { type: "string" },
              pull_request: { type: "integer" },
              stale: { type: "boolean" },
              by_author: { type: "boolean" }
            }
          }
        }
      }
    },
    InvalidEntry: {
      type: "object",
      description: "A definition file that did not parse or validate in a commit: no event, history goes on.",
      required: [
        "id",
        "action",
        "auditable_type",
        "auditable_id",
        "path",
        "commit",
        "created_at",
        "user",
        "findings"
      ],
      properties: {
        id: { type: "string" },
        action: { const: "invalid" },
        auditable_type: { enum: [...AUDITABLE_TYPES] },
        auditable_id: { type: ["string", "null"] },
        path: { type: "string" },
        commit: { type: "string" },
        created_at: DATE_TIME,
        user: ref("AuditUser"),
        message: { type: "string" },
        findings: {
          type: "array",
          description: "Why the file did not parse or validate, with its place (docs/definitions.md).",
          items: {
            type: "object",
            required: ["code", "file", "line", "col", "message", "hint", "severity"],
            properties: {
              code: { type: "string" },
              file: { type: "string" },
              line: { type: "integer", minimum: 0 },
              col: { type: "integer", minimum: 0 },
              message: { type: "string" },
              hint: { type: "string" },
              pointer: {
                type: "string",
                description: "JSON Pointer of the offending node, when there is one."
              },
              severity: { enum: ["error", "warning"] }
            }
          }
        }
      }
    },
    HistoryRewrite: {
      type: "object",
      description: "A rewrite of the tracked branch (force-push or reset) the history index saw: the indexed head left the branch's first-parent history, and these events with it (docs/history.md, Rewritten branches).",
      required: [
        "format",
        "record",
        "id",
        "branch",
        "old_head",
        "new_head",
        "detected_at",
        "events_lost",
        "events",
        "complete"
      ],
      properties: {
        format: { const: 1 },
        record: { const: "history_rewritten" },
        id: { type: "string" },
        branch: { type: "string" },
        old_head: { type: "string", description: "The head the index had read." },
        new_head: { type: "string", description: "The head of the rewritten branch." },
        detected_at: DATE_TIME,
        events_lost: { type: "integer", minimum: 0 },
        events: {
          type: "array",
          items: ref("AuditEvent"),
          description: "The events that left the branch, whole, oldest first."
        },
        complete: { type: "boolean", description: "false: part of the old index was unreadable." }
      }
    },
    RunbookAudit: {
      type: "object",
      description: "One entry of GET /runbook_audits, in the incident tool's shape (FireHydrant runbook audit log), mapped from our audit events.",
      required: [
        "id",
        "auditable_id",
        "auditable_type",
        "user_id",
        "user_type",
        "action",
        "audited_changes",
        "version",
        "created_at"
      ],
      properties: {
        id: { type: "string" },
        auditable_id: { type: "string", description: "The runbook id, or `<runbook>/<step>` for a step." },
        auditable_type: { enum: [...RUNBOOK_AUDIT_TYPES] },
        user_id: { type: "string", description: "The email of the person who made the change." },
        user_type: { const: "User" },
        action: { enum: [...AUDIT_ACTIONS] },
        audited_changes: { type: "object" },
        version: { type: "integer", minimum: 1 },
        created_at: DATE_TIME,
        runbook_id: { type: "string" },
        user_name: { type: "string" },
        commit: { type: "string" },
        pull_request: { type: ["integer", "null"] },
        revert_of: { type: ["string", "null"] }
      }
    },
    Pagination: {
      type: "object",
      description: "Page-number pagination as the incident tool returns it.",
      required: ["count", "page", "items", "pages", "last", "prev", "next"],
      properties: {
        count: { type: "integer", description: "Matching entries in all pages." },
        page: { type: "integer" },
        items: { type: "integer", description: "Entries on this page." },
        pages: { type: "integer" },
        last: { type: "integer" },
        prev: { type: ["integer", "null"] },
        next: { type: ["integer", "null"] }
      }
    },
    RecordedParameter: {
      oneOf: [
        { type: ["string", "number", "boolean"] },
        {
          type: "object",
          required: ["redacted"],
          properties: { redacted: { const: true }, hmac: { type: "string" } },
          description: "A secret parameter: never in clear."
        }
      ]
    },
    ScheduleEntry: {
      type: "object",
      description: "A scheduled action or runbook at the tip of the tracked branch, with its next fire times and its last firing (docs/schedules.md).",
      required: [
        "kind",
        "id",
        "owner",
        "schedule",
        "catch_up",
        "overlap",
        "commit",
        "version",
        "problem",
        "next",
        "last"
      ],
      properties: {
        kind: { enum: SCHEDULED_KINDS },
        id: { type: "string", pattern: DEFINITION_ID_PATTERN },
        owner: { type: "string" },
        schedule: {
          type: "object",
          description: "The cron expression and its IANA time zone (UTC when the definition gives none).",
          required: ["cron", "timezone"],
          properties: { cron: { type: "string" }, timezone: { type: "string" } }
        },
        // As the definition schema has them (its default filled in).
        catch_up: ref("Action/properties/catch_up"),
        overlap: ref("Action/properties/overlap"),
        commit: { type: "string", description: "The commit that carried this version of the schedule." },
        version: { type: "integer", minimum: 1 },
        problem: {
          type: ["string", "null"],
          description: "Why it cannot fire (an invalid cron or time zone that reached the branch), else null."
        },
        next: { type: "array", items: DATE_TIME, description: "The next `count` fire times." },
        last: {
          oneOf: [
            { type: "null" },
            {
              type: "object",
              description: "Its latest scheduled run.",
              required: ["id", "planned_at", "started_at", "status"],
              properties: {
                id: { type: "string" },
                planned_at: DATE_TIME,
                started_at: DATE_TIME,
                status: { enum: [...EXECUTION_STATUSES] }
              }
            }
          ]
        }
      }
    },
    TargetResult: {
      type: "object",
      description: "One target of a run: its status, exit code, duration and output tails (docs/executions.md).",
      required: ["target", "status", "exit_code", "duration_ms", "stdout_tail", "stderr_tail"],
      properties: {
        target: { type: ["string", "null"] },
        status: { enum: [...EXECUTION_STATUSES] },
        exit_code: { type: ["integer", "null"] },
        signal: { type: "string", description: "The signal that ended the process (a timeout or cancel)." },
        duration_ms: { type: "integer", minimum: 0 },
        stdout_tail: { type: "string" },
        stderr_tail: { type: "string" },
        truncated_bytes: { type: "integer", minimum: 0, description: "How much output was cut." }
      }
    },
    RunbookStepState: {
      type: "object",
      description: "One step of a runbook run, as its `runbook_run` records show it (docs/runbooks.md).",
      required: ["id", "action", "status", "executions", "exit_code"],
      properties: {
        id: { type: "string" },
        action: { type: "string" },
        status: { enum: [...STEP_STATUSES] },
        reason: { type: "string", description: "Why it was skipped or rejected." },
        executions: {
          type: "array",
          items: { type: "string" },
          description: "The execution records of its runs (one per repetition)."
        },
        exit_code: { type: ["integer", "null"] },
        started_at: DATE_TIME,
        finished_at: DATE_TIME,
        decided_by: { ...WHO_AND_WHEN, description: "Who confirmed (or rejected) a manual step, and when." }
      }
    },
    ExecutionRecord: {
      type: "object",
      description: "docs/executions.md: the latest record of an execution.",
      required: [
        "id",
        "seq",
        "action_id",
        "definition",
        "trigger",
        "initiator",
        "targets",
        "parameters",
        "started_at",
        "finished_at",
        "duration_ms",
        "status",
        "exit_code",
        "prev_hash",
        "hash"
      ],
      properties: {
        id: { type: "string" },
        seq: { type: "integer", minimum: 0 },
        action_id: { type: "string" },
        definition: {
          type: "object",
          required: ["commit", "blob", "path", "version", "status", "dirty"],
          properties: {
            commit: { type: ["string", "null"] },
            blob: { type: ["string", "null"] },
            path: { type: ["string", "null"] },
            version: { type: ["integer", "null"] },
            status: { type: ["string", "null"] },
            dirty: { type: "boolean" }
          }
        },
        trigger: { enum: [...TRIGGERS] },
        initiator: {
          type: "object",
          required: ["user", "via"],
          properties: {
            user: { type: "string" },
            via: { enum: [...INITIATOR_VIAS] },
            os_user: { type: "string" },
            host: { type: "string" },
            pseudonym: {
              type: "string",
              description: "The stored pseudonym of `user`, shown beside the resolved email (docs/security.md)."
            }
          }
        },
        targets: { type: "array", items: { type: "string" } },
        parameters: { type: "object", additionalProperties: ref("RecordedParameter") },
        started_at: DATE_TIME,
        finished_at: { oneOf: [DATE_TIME, { type: "null" }] },
        duration_ms: { type: ["integer", "null"], minimum: 0 },
        status: { enum: [...EXECUTION_STATUSES] },
        exit_code: { type: ["integer", "null"] },
        prev_hash: { type: "string", pattern: "^[0-9a-f]{64}$" },
        hash: { type: "string", pattern: "^[0-9a-f]{64}$" },
        results: {
          type: "array",
          description: "Per target: its status, exit code, duration and output tails (docs/executions.md).",
          items: ref("TargetResult")
        },
        error: { type: "string", description: "Why the run was denied or could not start." },
        command: {
          type: "array",
          items: { type: "string" },
          description: "`opsledger exec`: the command that ran (argv, secret parameter values scrubbed)."
        },
        runbook: {
          type: "object",
          description: "A step of a runbook run: the runbook, the step and the runbook run (docs/runbooks.md).",
          required: ["id", "step", "run_id"],
          properties: { id: { type: "string" }, step: { type: "string" }, run_id: { type: "string" } }
        },
        kind: {
          const: "runbook_run",
          description: "The record of a whole runbook run (docs/runbooks.md); absent on an action\u2019s run."
        },
        runbook_run_id: { type: "string", description: "A step\u2019s execution: the runbook run it belongs to." },
        step_id: { type: "string", description: "A step\u2019s execution: the step\u2019s id." },
        attempt: { type: "integer", minimum: 1, description: "A repetition of a step (`repeat`), from 1." },
        pinned_commit: {
          type: "string",
          description: "A runbook run: the tracked branch commit every step\u2019s definition is read at."
        },
        steps: {
          type: "array",
          description: "A runbook run: its steps as they stand (docs/runbooks.md).",
          items: ref("RunbookStepState")
        },
        cancel_requested: {
          ...WHO_AND_WHEN,
          description: "A request to cancel a runbook run: by whom and when."
        },
        planned_at: {
          ...DATE_TIME,
          description: "A scheduled firing: the time the schedule planned (docs/schedules.md)."
        },
        missed: {
          type: "object",
          description: "A `missed` record: how many firings of the outage did not run, the first and last planned.",
          required: ["count", "first", "last"],
          properties: { count: { type: "integer", minimum: 1 }, first: DATE_TIME, last: DATE_TIME }
        },
        schedule: {
          type: "object",
          description: "A scheduled run: the definition kind and the commit that carried its schedule.",
          required: ["kind", "cron", "timezone", "commit"],
          properties: {
            kind: { enum: SCHEDULED_KINDS },
            cron: { type: "string" },
            timezone: { type: "string" },
            commit: { type: "string" }
          }
        },
        recorded_via: {
          enum: ["local", "server"],
          description: "Who wrote the record: the CLI into its own journal, or the service (docs/executions.md)."
        },
        late_end: {
          type: "object",
          description: "A remote run closed `abandoned` (its lease lapsed) whose CLI delivered its end afterwards: that end, kept without changing the status (docs/executions.md, Remote recording).",
          required: ["status", "finished_at", "duration_ms", "exit_code", "delivered_at"],
          properties: {
            status: { enum: [...RUN_OUTCOMES] },
            finished_at: DATE_TIME,
            duration_ms: { type: "integer", minimum: 0 },
            exit_code: { type: ["integer", "null"] },
            results: { type: "array", items: ref("TargetResult") },
            error: { type: "string" },
            delivered_at: DATE_TIME
          }
        }
      }
    },
    ExternalExecution: {
      type: "object",
      description: "A run done elsewhere, recorded with trigger `external` unless another is given.",
      additionalProperties: false,
      required: ["action_id", "status", "started_at"],
      properties: {
        action_id: { type: "string", pattern: DEFINITION_ID_PATTERN },
        status: { enum: [...RUN_STATUSES] },
        started_at: DATE_TIME,
        finished_at: DATE_TIME,
        duration_ms: { type: "integer", minimum: 0, maximum: 31536e6 },
        exit_code: { type: "integer", minimum: -1e6, maximum: 1e6 },
        trigger: {
          // Any but `api`: that one is the service's own runs (POST /actions/{id}/executions).
          enum: TRIGGERS.filter((t) => t !== "api"),
          default: "external"
        },
        targets: TARGET_LIST,
        parameters: PARAMETER_VALUES,
        error: { type: "string", maxLength: 4e3 }
      }
    },
    RunRequest: {
      type: "object",
      additionalProperties: false,
      properties: {
        parameters: PARAMETER_VALUES,
        targets: TARGET_LIST
      }
    },
    RunAccepted: {
      type: "object",
      required: ["id", "status", "links"],
      properties: {
        id: { type: "string" },
        status: { const: "running" },
        links: {
          type: "object",
          required: ["self"],
          properties: { self: { type: "string" } }
        }
      }
    },
    ApiKey: {
      type: "object",
      description: "An API key as listed: never the key, never its hash.",
      required: [
        "id",
        "name",
        "user",
        "created_at",
        "created_by",
        "expires_at",
        "revoked_at",
        "last_used_at"
      ],
      properties: {
        id: { type: "string" },
        name: { type: "string" },
        user: { type: "string" },
        created_at: DATE_TIME,
        created_by: { type: "string" },
        expires_at: { oneOf: [DATE_TIME, { type: "null" }] },
        revoked_at: { oneOf: [DATE_TIME, { type: "null" }] },
        last_used_at: { oneOf: [DATE_TIME, { type: "null" }] },
        rate_limit: { oneOf: [{ type: "integer" }, { const: "off" }, { type: "null" }] }
      },
      not: { anyOf: [{ required: ["hash"] }, { required: ["key"] }] }
    },
    NewApiKey: {
      type: "object",
      additionalProperties: false,
      required: ["user", "name"],
      properties: {
        user: { type: "string", format: "email", maxLength: 254 },
        name: { type: "string", minLength: 1, maxLength: 100 },
        expires: {
          type: "string",
          maxLength: 40,
          description: "e.g. 90d, 12h, 8w, 1y, an ISO date, or never (default 90d)."
        },
        rate_limit: {
          oneOf: [{ type: "integer", minimum: 1, maximum: 1e6 }, { const: "off" }],
          description: "Requests per minute for this key, or off."
        }
      }
    },
    AccessLogEntry: {
      type: "object",
      required: ["seq", "time", "request_id", "key_id", "user", "method", "route", "path", "query", "status"],
      properties: {
        seq: { type: "integer" },
        time: DATE_TIME,
        request_id: { type: "string" },
        key_id: { type: ["string", "null"] },
        user: { type: ["string", "null"] },
        method: { type: "string" },
        route: { type: "string" },
        path: { type: "string" },
        query: { type: "object" },
        status: { type: "integer" },
        result_count: { type: ["integer", "null"] }
      }
    },
    Health: {
      type: "object",
      required: ["status", "version"],
      properties: {
        status: { const: "ok" },
        version: { type: "string" },
        history_tip: { type: ["string", "null"] },
        journal_head: {
          oneOf: [
            { type: "null" },
            { type: "object", properties: { seq: { type: "integer" }, hash: { type: "string" } } }
          ]
        },
        database: {
          type: "object",
          description: 'Only when the journal is in PostgreSQL (docs/postgres.md, "Several instances").',
          required: ["backend", "reachable", "schema_version", "expected_schema_version"],
          properties: {
            backend: { const: "postgres" },
            reachable: { type: "boolean" },
            schema_version: { type: ["integer", "null"] },
            expected_schema_version: { type: "integer" },
            error: { type: "string" }
          }
        }
      }
    }
  };
}

// src/server/openapi/build-openapi.ts
var ERROR_RESPONSES = {
  400: "Bad input: unknown or malformed query parameter, body or cursor.",
  401: "No key, or a malformed, unknown, revoked or expired key.",
  403: "The key is valid but its user lacks the permission.",
  404: "Not found, or not visible to the caller.",
  406: "The Accept header allows none of the types this route answers.",
  409: "Conflict.",
  413: "Request body too large.",
  415: "Body is not application/json.",
  429: "Over the rate limit; retry after `Retry-After` seconds.",
  503: "The journal cannot take a record (nothing was run)."
};
var TAGS = {
  definitions: "Actions and runbooks as they are at the tip of the tracked branch.",
  audit: "Change history of definitions, from git.",
  executions: "The execution journal: runs, their parameters, targets and results.",
  admin: "API keys, index refresh and the access log.",
  meta: "Health and this documentation.",
  reports: "Generated HTML and Markdown reports.",
  github: "The GitHub App: pull request webhooks, reverts as pull requests (docs/github.md)."
};
function parameter(name, where, spec) {
  return {
    name,
    in: where,
    description: spec.description,
    required: where === "path" ? true : spec.required === true,
    schema: spec.schema
  };
}
function operation(spec) {
  const isPublic = spec.permission === "public";
  const parameters = [
    ...Object.entries(spec.params ?? {}).map(([n, p]) => parameter(n, "path", p)),
    ...Object.entries(spec.query ?? {}).map(([n, p]) => parameter(n, "query", p)),
    ...Object.entries(spec.headers ?? {}).map(([n, p]) => parameter(n, "header", p))
  ];
  const responses = {};
  for (const [status, r] of Object.entries(spec.responses)) {
    const content = {};
    if (r.schema) content["application/json"] = { schema: r.schema };
    if (r.ndjsonItem) content["application/x-ndjson"] = { schema: r.ndjsonItem };
    for (const [type, schema] of Object.entries(r.content ?? {})) content[type] = { schema };
    responses[status] = {
      description: r.description,
      ...Object.keys(content).length ? { content } : {},
      ...r.headers ? { headers: r.headers } : {}
    };
  }
  const errors = /* @__PURE__ */ new Set();
  errors.add(400);
  if (!isPublic) [401, 403, 429].forEach((s) => errors.add(s));
  if (!isPublic && !spec.wildcard && spec.mount !== "/") errors.add(406);
  if (spec.params && Object.keys(spec.params).length) errors.add(404);
  if (spec.body) [413, 415].forEach((s) => errors.add(s));
  for (const status of [...errors].sort()) {
    responses[String(status)] ??= {
      description: ERROR_RESPONSES[status],
      content: { "application/json": { schema: ref("Error") } },
      ...status === 429 ? { headers: { "Retry-After": { description: "Seconds to wait.", schema: { type: "integer" } } } } : {}
    };
  }
  return {
    operationId: spec.operationId,
    tags: [spec.tag],
    summary: spec.summary,
    description: `${spec.description ? `${spec.description}

` : ""}Permission: \`${spec.permission}\`.`,
    "x-permission": spec.permission,
    ...isPublic ? { security: [] } : {},
    ...parameters.length ? { parameters } : {},
    ...spec.body ? {
      requestBody: {
        required: spec.body.optional !== true,
        description: spec.body.description,
        content: { "application/json": { schema: spec.body.schema } }
      }
    } : {},
    responses
  };
}
function buildOpenApi(routes, version) {
  const paths = {};
  for (const spec of routes) {
    const root = (spec.mount ?? API_BASE) === "/";
    const item = paths[spec.path] ??= root ? { servers: [{ url: "/" }] } : {};
    item[spec.method] = operation(spec);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "opsledger audit service",
      version,
      description: "Query the change history of action and runbook definitions (from git) and the execution journal; record runs done elsewhere; run actions as yourself. Authenticate with `Authorization: Bearer <key>` or `Basic base64(<email>:<key>)`. Lists are `{ data, next_cursor }` pages; send `Accept: application/x-ndjson` to stream every match. Errors are `{ error: { code, message, hint } }`.",
      license: { name: "MIT", identifier: "MIT" },
      contact: { name: "opsledger", url: "https://github.com/opsledger/opsledger/issues" }
    },
    servers: [{ url: API_BASE }],
    tags: [...new Set(routes.map((r) => r.tag))].map((name) => ({ name, description: TAGS[name] ?? name })),
    paths,
    components: {
      schemas: componentSchemas(),
      securitySchemes: {
        basic: {
          type: "http",
          scheme: "basic",
          description: "base64(email:apikey); the email must be the key user."
        },
        bearer: { type: "http", scheme: "bearer", description: "The API key itself." }
      }
    },
    security: [{ basic: [] }, { bearer: [] }]
  };
}

// src/server/cursor.ts
function encodeCursor(key) {
  return Buffer.from(JSON.stringify(key), "utf8").toString("base64url");
}
function decodeCursor(text, kinds) {
  const invalid = () => new OpsledgerError("INPUT_INVALID", "invalid cursor", {
    hint: "Pass the next_cursor of a previous page unchanged, or leave cursor out to start from the first page."
  });
  if (!/^[A-Za-z0-9_-]{1,2000}$/.test(text)) throw invalid();
  let value;
  try {
    value = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(value) || value.length !== kinds.length) throw invalid();
  value.forEach((v, i) => {
    if (typeof v !== kinds[i]) throw invalid();
  });
  return value;
}

// src/server/routes/admin-routes.ts
var KEY_ID = {
  schema: { type: "string", pattern: "^[0-9a-f]{16}$" },
  description: "Key id (the part after `olk_`).",
  required: true
};
var ADMIN_ROUTES = [
  {
    method: "post",
    path: "/refresh",
    operationId: "refreshIndex",
    permission: "admin",
    tag: "admin",
    summary: "Bring the history index and the roles up to the branch tip now",
    description: "The server also refreshes every `server.refresh_seconds`. Access changes in role files apply at once.",
    responses: {
      200: {
        description: "What the refresh did.",
        schema: {
          type: "object",
          required: ["tip", "new_commits", "rebuilt", "ms"],
          properties: {
            tip: { type: ["string", "null"] },
            new_commits: { type: "integer" },
            rebuilt: { type: "boolean" },
            ms: { type: "number" }
          }
        }
      }
    },
    async handle(ctx) {
      const stats = await ctx.deps.refreshHistory();
      return {
        body: { tip: stats.tip, new_commits: stats.newCommits, rebuilt: stats.rebuilt, ms: stats.ms }
      };
    }
  },
  {
    method: "get",
    path: "/keys",
    operationId: "listKeys",
    permission: "admin",
    tag: "admin",
    summary: "API keys (never the keys themselves)",
    responses: {
      200: { description: "Every key, revoked and expired ones too.", schema: listOf(ref("ApiKey")) }
    },
    async handle(ctx) {
      const keys = await ctx.deps.keys.list();
      return { body: { data: keys.map(summarizeKey), next_cursor: null }, count: keys.length };
    }
  },
  {
    method: "post",
    path: "/keys",
    operationId: "createKey",
    permission: "admin",
    tag: "admin",
    summary: "Create an API key for a user; the key is in this answer only",
    body: { schema: ref("NewApiKey"), description: "Who the key acts as, a name for the activity, expiry." },
    responses: {
      201: {
        description: "The key (shown once) and its record.",
        schema: {
          type: "object",
          required: ["key", "record"],
          properties: { key: { type: "string", pattern: "^olk_" }, record: ref("ApiKey") }
        }
      }
    },
    async handle(ctx) {
      const body = ctx.body;
      const now = ctx.deps.now();
      const { record, key } = await ctx.deps.keys.create(
        {
          user: body.user,
          name: body.name,
          created_by: ctx.principal?.email ?? "",
          expires_at: parseExpiry(body.expires ?? "90d", now),
          rate_limit: body.rate_limit ?? null
        },
        now
      );
      return { status: 201, body: { key, record: summarizeKey(record) } };
    }
  },
  {
    method: "delete",
    path: "/keys/{id}",
    operationId: "revokeKey",
    permission: "admin",
    tag: "admin",
    summary: "Revoke a key (it is kept, marked revoked, for the record)",
    params: { id: KEY_ID },
    responses: { 200: { description: "The revoked key.", schema: ref("ApiKey") } },
    async handle(ctx) {
      return { body: summarizeKey(await ctx.deps.keys.revoke(ctx.params.id, ctx.deps.now())) };
    }
  },
  {
    method: "get",
    path: "/access_log",
    operationId: "listAccessLog",
    permission: "audit:read",
    tag: "admin",
    summary: "Who read audit and execution data, when, and how much (newest first)",
    query: {
      user: { schema: { type: "string", maxLength: 254 }, description: "Only reads by this email." },
      since: { schema: { type: "string", format: "date-time" }, description: "Only reads at or after." },
      until: { schema: { type: "string", format: "date-time" }, description: "Only reads at or before." },
      ...LIST_QUERY
    },
    accessLog: true,
    responses: {
      200: { description: "A page of access-log entries.", schema: listOf(ref("AccessLogEntry")) }
    },
    handle(ctx) {
      const q = ctx.query;
      const beforeSeq = q.cursor ? decodeCursor(q.cursor, ["number"])[0] : void 0;
      const { entries, more } = ctx.deps.accessLog.read({
        limit: q.limit,
        ...q.user ? { user: q.user } : {},
        ...q.since ? { since: q.since } : {},
        ...q.until ? { until: q.until } : {},
        ...beforeSeq !== void 0 ? { beforeSeq } : {}
      });
      const last = entries[entries.length - 1];
      return {
        body: { data: entries, next_cursor: more && last ? encodeCursor([last.seq]) : null },
        count: entries.length
      };
    }
  }
];

// src/server/paginate.ts
async function* itemsFrom(items, start, map) {
  for (let i = start; i < items.length; i++) yield map(items[i]);
}
function pageReply(items, options) {
  if (options.ndjson) return { ndjson: itemsFrom(items, options.start, options.map) };
  const page = items.slice(options.start, options.start + options.limit);
  const last = page[page.length - 1];
  const more = options.start + options.limit < items.length;
  return {
    body: {
      data: page.map(options.map),
      next_cursor: more && last !== void 0 ? encodeCursor(options.keyOf(last)) : null
    },
    count: page.length
  };
}
function startAfter(items, key, keyOf) {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = lo + hi >>> 1;
    if (keyOf(items[mid]) <= key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// src/server/routes/audit-pages.ts
function startAfterEntry(items, cursor) {
  if (!cursor) return 0;
  const [id, at] = decodeCursor(cursor, ["string", "string"]);
  const i = items.findIndex((e) => e.id === id);
  if (i >= 0) return i + 1;
  const t = Date.parse(at);
  const next = items.findIndex((e) => Date.parse(e.created_at) > t);
  return next < 0 ? items.length : next;
}
var TIME_QUERY = {
  since: {
    schema: { type: "string", format: "date-time" },
    description: "Only changes at or after (ISO 8601)."
  },
  until: {
    schema: { type: "string", format: "date-time" },
    description: "Only changes at or before (ISO 8601)."
  }
};

// src/server/routes/history-routes.ts
function historyRoute(kind) {
  const plural = `${kind}s`;
  return {
    method: "get",
    path: `/${plural}/{id}/history`,
    operationId: `get${kind === "action" ? "Action" : "Runbook"}History`,
    permission: "history:read",
    tag: "audit",
    summary: `Change history of one ${kind}, oldest first`,
    description: kind === "runbook" ? "The runbook's events and its steps' `Runbook::Step` events (docs/history.md)." : "Every event of the action (docs/history.md), including after a delete.",
    params: { id: ID_PARAM },
    query: { ...LIST_QUERY },
    ndjson: true,
    accessLog: true,
    responses: {
      200: {
        description: "A page of audit events.",
        schema: listOf(ref("AuditEvent")),
        ndjsonItem: ref("AuditEvent")
      }
    },
    handle(ctx) {
      const q = ctx.query;
      const events = ctx.deps.history.history(ctx.params.id, kind);
      if (events.length === 0) {
        throw new OpsledgerError("DEFINITION_NOT_FOUND", `no ${kind} "${ctx.params.id}" in the history`, {
          hint: `List them with GET /api/v1/${plural}.`
        });
      }
      return pageReply(events, {
        start: startAfterEntry(events, q.cursor),
        limit: q.limit,
        ndjson: ctx.ndjson,
        keyOf: (e) => [e.id, e.created_at],
        map: (e) => e
      });
    }
  };
}
var REWRITES_ROUTE = {
  method: "get",
  path: "/history/rewrites",
  operationId: "listHistoryRewrites",
  permission: "audit:read",
  tag: "audit",
  summary: "Rewrites of the tracked branch (force-pushes) and the audit events they took, oldest first",
  description: "Kept in the data dir when the history index finds its head gone from the branch; `GET /audit` lists the events of the branch as it is now, this route what left it (`opsledger audit --rewrites`).",
  query: { ...LIST_QUERY },
  ndjson: true,
  accessLog: true,
  responses: {
    200: {
      description: "A page of rewrite records.",
      schema: listOf(ref("HistoryRewrite")),
      ndjsonItem: ref("HistoryRewrite")
    }
  },
  handle(ctx) {
    const q = ctx.query;
    const items = ctx.deps.history.rewrites().map((record, at) => ({ record, at }));
    const after = q.cursor ? decodeCursor(q.cursor, ["number"])[0] : -1;
    if (!Number.isInteger(after) || after < -1) throw new OpsledgerError("INPUT_INVALID", "invalid cursor");
    const start = after + 1;
    return pageReply(items, {
      start,
      limit: q.limit,
      ndjson: ctx.ndjson,
      keyOf: (i) => [i.at],
      map: (i) => i.record
    });
  }
};

// src/server/routes/runbook-audit-route.ts
function toRunbookAudit(e) {
  return {
    id: e.id,
    auditable_id: e.auditable_id,
    auditable_type: e.auditable_type === "Runbook::Step" ? "Runbooks::Step" : "Runbook",
    user_id: e.user.email,
    user_type: "User",
    action: e.action,
    audited_changes: e.audited_changes,
    version: e.version,
    created_at: e.created_at,
    // Beyond the reference shape: where to look next.
    runbook_id: e.auditable_id.split("/")[0],
    user_name: e.user.name,
    commit: e.commit,
    pull_request: e.pull_request,
    revert_of: e.revert_of
  };
}
var RUNBOOK_AUDITS_ROUTE = {
  method: "get",
  path: "/runbook_audits",
  operationId: "listRunbookAudits",
  permission: "audit:read",
  tag: "audit",
  summary: "Runbook and step changes in the incident tool's audit-log shape",
  description: "For tools written against a FireHydrant-style runbook audit endpoint: `{ data: [...], pagination: {...} }` with `page`/`per_page`, oldest first (appends never shift earlier pages). Unlike the reference, step rules and conditions (`when`, `automatic`, `with`) are included in `audited_changes`.",
  query: {
    auditable_type: {
      schema: { enum: [...RUNBOOK_AUDIT_TYPES] },
      description: "Only runbooks or only steps."
    },
    runbook_id: { schema: ID_PARAM.schema, description: "Only this runbook and its steps." },
    ...TIME_QUERY,
    page: {
      schema: { type: "integer", minimum: 1, maximum: 1e6, default: 1 },
      description: "Page number."
    },
    per_page: {
      schema: { type: "integer", minimum: 1, maximum: 500, default: 20 },
      description: "Entries per page."
    }
  },
  ndjson: true,
  accessLog: true,
  responses: {
    200: {
      description: "A page of runbook audit entries.",
      schema: {
        type: "object",
        required: ["data", "pagination"],
        properties: {
          data: { type: "array", items: ref("RunbookAudit") },
          pagination: ref("Pagination")
        }
      },
      ndjsonItem: ref("RunbookAudit")
    }
  },
  handle(ctx) {
    const q = ctx.query;
    const query = auditQuery({ since: q.since, until: q.until });
    const wanted = new Set(
      q.auditable_type === "Runbook" ? ["Runbook"] : q.auditable_type === "Runbooks::Step" ? ["Runbook::Step"] : ["Runbook", "Runbook::Step"]
    );
    const items = (q.runbook_id ? ctx.deps.history.history(q.runbook_id, "runbook") : ctx.deps.history.events(query)).filter((e) => wanted.has(e.auditable_type)).filter((e) => !q.runbook_id || matchesQuery(e, query));
    if (ctx.ndjson) return { ndjson: itemsFrom(items, 0, toRunbookAudit) };
    const pages = Math.max(1, Math.ceil(items.length / q.per_page));
    const start = (q.page - 1) * q.per_page;
    const page = items.slice(start, start + q.per_page);
    return {
      body: {
        data: page.map(toRunbookAudit),
        pagination: {
          count: items.length,
          page: q.page,
          items: page.length,
          pages,
          last: pages,
          prev: q.page > 1 ? Math.min(q.page - 1, pages) : null,
          next: q.page < pages ? q.page + 1 : null
        }
      },
      count: page.length
    };
  }
};

// src/server/routes/audit-routes.ts
function withInvalid(events, invalid, commits) {
  const order = new Map(commits.map((c, i) => [c.sha, i]));
  const tagged = [
    ...events.map((e, i) => ({ e, k: order.get(e.commit) ?? -1, s: 0, i })),
    ...invalid.map((e, i) => ({ e, k: order.get(e.commit) ?? -1, s: 1, i }))
  ];
  tagged.sort((a, b) => a.k - b.k || a.s - b.s || a.i - b.i);
  return tagged.map((t) => t.e);
}
var AUDIT_ROUTE = {
  method: "get",
  path: "/audit",
  operationId: "listAuditEvents",
  permission: "audit:read",
  tag: "audit",
  summary: "Every change of every definition, oldest first",
  description: 'The filters of `opsledger audit`. With `include_invalid=true`, definition files that did not parse or validate in a commit appear as `{ "action": "invalid", ... }` entries in commit order.',
  query: {
    type: {
      schema: { enum: [...AUDITABLE_TYPES] },
      description: "Only this auditable type."
    },
    id: {
      schema: { type: "string", maxLength: 130 },
      description: "Only this auditable id (a step: `<runbook>/<step>`)."
    },
    user: { schema: { type: "string", maxLength: 254 }, description: "Only changes by this email." },
    ...TIME_QUERY,
    include_invalid: {
      schema: { type: "boolean", default: false },
      description: "Include invalid-file entries."
    },
    ...LIST_QUERY
  },
  ndjson: true,
  accessLog: true,
  responses: {
    200: {
      description: "A page of audit events.",
      schema: listOf({ oneOf: [ref("AuditEvent"), ref("InvalidEntry")] }),
      ndjsonItem: { oneOf: [ref("AuditEvent"), ref("InvalidEntry")] }
    }
  },
  handle(ctx) {
    const q = ctx.query;
    const query = auditQuery(q);
    const events = ctx.deps.history.events(query);
    let items = events;
    if (q.include_invalid) {
      const invalid = ctx.deps.history.invalid().filter((e) => matchesInvalid(e, query));
      items = withInvalid(events, invalid, ctx.deps.history.commits());
    }
    return pageReply(items, {
      start: startAfterEntry(items, q.cursor),
      limit: q.limit,
      ndjson: ctx.ndjson,
      keyOf: (e) => [e.id, e.created_at],
      map: (e) => e
    });
  }
};
var AUDIT_ROUTES = [
  historyRoute("action"),
  historyRoute("runbook"),
  AUDIT_ROUTE,
  RUNBOOK_AUDITS_ROUTE,
  REWRITES_ROUTE
];

// src/server/routes/definition-routes.ts
function presentDefinition(v) {
  return {
    id: v.id,
    version: v.version,
    commit: v.commit,
    blob: v.blob,
    path: v.path,
    created_at: v.created_at,
    definition: v.value
  };
}
var byId = (a, b) => a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
function liveDefinitions(ctx, kind) {
  const tip = ctx.deps.history.tip();
  return tip === null ? [] : [...ctx.deps.history.definitionsAt(kind, tip)].sort(byId);
}
function listRoute(kind) {
  const plural = `${kind}s`;
  return {
    method: "get",
    path: `/${plural}`,
    operationId: `list${kind === "action" ? "Actions" : "Runbooks"}`,
    permission: "definitions:read",
    tag: "definitions",
    summary: `List ${plural} at the tip of the tracked branch`,
    description: "Sorted by id. Send `Accept: application/x-ndjson` to stream every match.",
    query: {
      status: {
        schema: { enum: [...DEFINITION_STATUSES] },
        description: "Only definitions with this status."
      },
      tag: { schema: { type: "string", maxLength: 63 }, description: "Only definitions carrying this tag." },
      owner: {
        schema: { type: "string", maxLength: 254 },
        description: "Only definitions of this owner (email)."
      },
      ...LIST_QUERY
    },
    ndjson: true,
    responses: {
      200: {
        description: `A page of ${plural}.`,
        schema: listOf(ref(kind === "action" ? "ActionVersion" : "RunbookVersion")),
        ndjsonItem: ref(kind === "action" ? "ActionVersion" : "RunbookVersion")
      }
    },
    handle(ctx) {
      const q = ctx.query;
      const items = liveDefinitions(ctx, kind).filter((v) => {
        const d = v.value;
        return (q.status === void 0 || d.status === q.status) && (q.tag === void 0 || (d.tags ?? []).includes(q.tag)) && (q.owner === void 0 || d.owner.toLowerCase() === q.owner.toLowerCase());
      });
      const start = q.cursor ? startAfter(items, decodeCursor(q.cursor, ["string"])[0], (v) => v.id) : 0;
      return pageReply(items, {
        start,
        limit: q.limit,
        ndjson: ctx.ndjson,
        keyOf: (v) => [v.id],
        map: presentDefinition
      });
    }
  };
}
function getRoute(kind) {
  const plural = `${kind}s`;
  return {
    method: "get",
    path: `/${plural}/{id}`,
    operationId: `get${kind === "action" ? "Action" : "Runbook"}`,
    permission: "definitions:read",
    tag: "definitions",
    summary: `One ${kind} as it is at the tip of the tracked branch`,
    params: { id: ID_PARAM },
    responses: {
      200: {
        description: `The ${kind}, its version and where it lives.`,
        schema: ref(kind === "action" ? "ActionVersion" : "RunbookVersion")
      }
    },
    handle(ctx) {
      const v = ctx.deps.history.definitionAt(kind, ctx.params.id);
      if (!v) {
        throw new OpsledgerError(
          "DEFINITION_NOT_FOUND",
          `no ${kind} "${ctx.params.id}" at the tip of the branch`,
          {
            hint: `List them with GET /api/v1/${plural}.`
          }
        );
      }
      return { body: presentDefinition(v), count: 1 };
    }
  };
}
var DEFINITION_ROUTES = [
  listRoute("action"),
  getRoute("action"),
  listRoute("runbook"),
  getRoute("runbook")
];

// src/server/page-cache.ts
var PageCache = class {
  constructor(maxPages = 64) {
    this.maxPages = maxPages;
  }
  maxPages;
  stamp = null;
  pages = /* @__PURE__ */ new Map();
  /** The page for `key` when it was rendered from this journal state and every user on it still resolves the same. */
  get(key, journal, resolveUser) {
    if (this.stamp !== stampOf(journal)) return null;
    const page = this.pages.get(key);
    if (!page) return null;
    for (const [stored, shown] of page.users) if (resolveUser(stored) !== shown) return null;
    return page;
  }
  /** Keep a page rendered from this journal state (the oldest page goes when the cache is full). */
  set(key, journal, page) {
    const stamp = stampOf(journal);
    if (this.stamp !== stamp) {
      this.pages.clear();
      this.stamp = stamp;
    }
    this.pages.delete(key);
    if (this.pages.size >= this.maxPages) this.pages.delete(this.pages.keys().next().value);
    this.pages.set(key, page);
  }
};
function stampOf(journal) {
  return journal.head ? `${journal.head.seq}:${journal.head.hash}:${journal.records}` : `empty:${journal.records}`;
}
function usersOf(records, resolveUser) {
  const users = /* @__PURE__ */ new Map();
  for (const r of records) {
    for (const stored of [r.initiator.user, r.initiator.os_user]) {
      if (stored !== void 0 && !users.has(stored)) users.set(stored, resolveUser(stored));
    }
  }
  return [...users];
}
var caches = /* @__PURE__ */ new WeakMap();
function pageCacheOf(journal) {
  let cache = caches.get(journal);
  if (!cache) caches.set(journal, cache = new PageCache());
  return cache;
}
function journalStamp(journal) {
  return {
    head: journal.head(),
    records: typeof journal.recordCount === "function" ? journal.recordCount() : null
  };
}

// src/server/close-lapsed-recordings.ts
function isRemoteRecording(record) {
  return record.initiator.via === "cli" && recordedVia(record) === "server";
}
async function closeLapsedRecordings(options) {
  const at = options.now();
  const ids = await options.leases.claimLapsed(at, new Date(at.getTime() + options.leaseMs));
  const closed = [];
  for (const id of ids) {
    try {
      const record = await closeLapsedRecording(id, options);
      if (record) closed.push(record);
    } catch (err) {
      options.onWarning?.(`cannot close remote run ${id} whose lease lapsed: ${err.message}`);
    }
  }
  return closed;
}
async function closeLapsedRecording(id, options) {
  await options.journal.refresh();
  const latest = await options.journal.get(id);
  if (!latest || latest.status !== "running" || !isRemoteRecording(latest)) {
    await options.leases.drop(id);
    return null;
  }
  const appended = await options.journal.appendIf(
    lapsedInput(latest, options),
    (l) => l?.status === "running"
  );
  await options.leases.drop(id);
  if (appended) {
    options.onWarning?.(
      `run ${id} (${latest.action_id}) recorded through the service: its CLI stopped renewing the lease; recorded as abandoned (seq ${appended.seq})`
    );
  }
  return appended;
}
async function adoptOpenRecordings(options) {
  await options.journal.refresh();
  const open = await options.journal.query({ status: "running", limit: 1e5 });
  const until = new Date(options.now().getTime() + options.leaseMs);
  let adopted = 0;
  for (const run of open) {
    if (!isRemoteRecording(run)) continue;
    await options.leases.adopt(run.id, until);
    adopted++;
  }
  return adopted;
}
function lapsedInput(start, options) {
  const where = [start.initiator.os_user, start.initiator.host].filter(Boolean).join(" on ");
  return {
    ...abandonedInput(start, null, { now: options.now, closedBy: "serve" }),
    error: `abandoned: the CLI recording this run${where ? ` (${where})` : ""} stopped renewing its lease (${Math.round(options.leaseMs / 1e3)} s): killed, or cut off from the service; closed by \`opsledger serve\`. How the run ended is unknown unless its CLI delivers the end later (kept as \`late_end\`): check its targets.`
  };
}

// src/server/present-execution-json.ts
var presented = /* @__PURE__ */ new WeakMap();
function presentExecutionJson(record, resolveUser) {
  const user = resolveUser(record.initiator.user);
  const osUser = record.initiator.os_user === void 0 ? void 0 : resolveUser(record.initiator.os_user);
  const known = presented.get(record);
  if (known && known.user === user && known.osUser === osUser) return known.json;
  const json = Buffer.from(JSON.stringify(presentExecution(record, resolveUser)));
  presented.set(record, { user, osUser, json });
  return json;
}

// src/server/routes/execution-routes.ts
var EXECUTION_ID = {
  schema: { type: "string", pattern: "^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$" },
  description: "Execution id.",
  required: true
};
function present(ctx, record) {
  return presentExecution(record, (stored) => ctx.deps.journal.resolveUser(stored));
}
async function visibleExecution(ctx, id) {
  const record = await ctx.deps.journal.get(id);
  const initiator = record ? ctx.deps.journal.resolveUser(record.initiator.user) : "";
  if (!record || !decideAccess(ctx.principal, { kind: "read-execution", initiator })) {
    throw new OpsledgerError("NOT_FOUND", `no execution "${id}"`, {
      hint: "List the runs you can see with GET /api/v1/executions."
    });
  }
  return record;
}
var PAGE_START = Buffer.from('{"data":[');
var COMMA = Buffer.from(",");
var LIST_EXECUTIONS = defineRoute({
  method: "get",
  path: "/executions",
  operationId: "listExecutions",
  permission: "executions:read",
  tag: "executions",
  summary: "Runs, newest first",
  description: "The filters of `opsledger executions`. With only `executions:read:own`, only runs you initiated are listed. Pages are stable while runs are being recorded (the cursor is the last run\u2019s start time and id). Send `Accept: application/x-ndjson` to stream every match, e.g. to keep logs longer elsewhere.",
  query: {
    action: { schema: ID_PARAM.schema, description: "Only runs of this action." },
    user: { schema: { type: "string", maxLength: 254 }, description: "Only runs initiated by this email." },
    status: {
      schema: { enum: [...EXECUTION_STATUSES] },
      description: "Only runs in this state."
    },
    target: { schema: { type: "string", maxLength: 253 }, description: "Only runs against this target." },
    trigger: {
      schema: { enum: [...TRIGGERS] },
      description: "Only runs started this way."
    },
    since: { schema: { type: "string", format: "date-time" }, description: "Only runs started at or after." },
    until: {
      schema: { type: "string", format: "date-time" },
      description: "Only runs started at or before."
    },
    ...LIST_QUERY
  },
  ndjson: true,
  accessLog: true,
  fastLane: true,
  responses: {
    200: {
      description: "A page of runs.",
      schema: listOf(ref("ExecutionRecord")),
      ndjsonItem: ref("ExecutionRecord")
    }
  },
  async handle(ctx) {
    const q = ctx.query;
    const filters = executionFilters(q);
    await ctx.deps.journal.refresh();
    const own = executionVisibility(ctx.principal) === "own";
    const me = ctx.principal?.email ?? "";
    const nothing = own && q.user !== void 0 && q.user.toLowerCase() !== me;
    if (own) filters.user = me;
    let before = q.cursor ? decodeCursor(q.cursor, ["string", "string"]) : void 0;
    const page = async (limit) => nothing ? [] : await ctx.deps.journal.query({
      ...filters,
      limit,
      ...before ? { before: { started_at: before[0], id: before[1] } } : {}
    });
    if (ctx.ndjson) {
      return {
        ndjson: (async function* () {
          for (; ; ) {
            const batch = await page(500);
            for (const r of batch) yield present(ctx, r);
            const last2 = batch[batch.length - 1];
            if (batch.length < 500 || !last2) return;
            before = [last2.started_at, last2.id];
          }
        })()
      };
    }
    const resolve = (stored) => ctx.deps.journal.resolveUser(stored);
    const cache = pageCacheOf(ctx.deps.journal);
    const stamp = journalStamp(ctx.deps.journal);
    const key = JSON.stringify([filters, q.limit, q.cursor ?? null, nothing]);
    const cached = cache.get(key, stamp, resolve);
    if (cached) return { json: cached.json, count: cached.count };
    const rows = await page(q.limit + 1);
    const data = rows.slice(0, q.limit);
    const last = data[data.length - 1];
    const nextCursor = rows.length > q.limit && last ? encodeCursor([last.started_at, last.id]) : null;
    const parts = [PAGE_START];
    data.forEach((r, i) => parts.push(...i > 0 ? [COMMA] : [], presentExecutionJson(r, resolve)));
    parts.push(Buffer.from(`],"next_cursor":${JSON.stringify(nextCursor)}}`));
    const json = Buffer.concat(parts);
    cache.set(key, stamp, { json, count: data.length, users: usersOf(data, resolve) });
    return { json, count: data.length };
  }
});
var GET_EXECUTION = {
  method: "get",
  path: "/executions/{id}",
  operationId: "getExecution",
  permission: "executions:read",
  tag: "executions",
  summary: "One run (its latest state)",
  description: "A run you may not see is a 404, exactly like one that does not exist.",
  params: { id: EXECUTION_ID },
  accessLog: true,
  responses: { 200: { description: "The run.", schema: ref("ExecutionRecord") } },
  async handle(ctx) {
    await ctx.deps.journal.refresh();
    const id = ctx.params.id;
    const record = await visibleExecution(ctx, id);
    return { body: present(ctx, await closeIfLapsed(ctx, record) ?? record), count: 1 };
  }
};
async function closeIfLapsed(ctx, record) {
  const leases = ctx.deps.recordingLeases;
  if (!leases || record.status !== "running" || !isRemoteRecording(record)) return null;
  if (!await leases.lapsed(record.id, ctx.deps.now())) return null;
  await closeLapsedRecording(record.id, {
    journal: ctx.deps.journal,
    leases,
    now: ctx.deps.now,
    leaseMs: ctx.deps.config.server.recording_lease_seconds * 1e3,
    onWarning: (message) => ctx.deps.logger.warn(message)
  });
  return ctx.deps.journal.get(record.id);
}
var EXECUTION_ROUTES = [LIST_EXECUTIONS, GET_EXECUTION];

// src/server/routes/journal-routes.ts
var PROBLEM = {
  type: "object",
  required: ["kind", "segment", "line", "seq", "message"],
  properties: {
    kind: { enum: [...VERIFY_PROBLEM_KINDS] },
    segment: { type: "string" },
    line: { type: ["integer", "null"] },
    seq: { type: ["integer", "null"] },
    message: { type: "string" }
  }
};
var VERIFY_JOURNAL = {
  method: "get",
  path: "/journal/verify",
  operationId: "verifyJournal",
  // Whether the record of every run is whole is an auditor's question (auditors hold audit:read; admins all).
  permission: "audit:read",
  tag: "executions",
  summary: "Verify the service\u2019s execution journal (hash chain, checkpoints, anchors)",
  description: "The same walk as `opsledger verify` over the journal the service writes: `ok` false names every problem with its place. `opsledger verify --server URL` prints it and exits 1 when it is not ok. Reads the whole journal: its cost grows with the journal.",
  accessLog: true,
  responses: {
    200: {
      description: "The verification report (also when problems were found: `ok` says).",
      schema: {
        type: "object",
        required: ["ok", "records", "head", "problems", "gaps", "anchors_checked", "quarantined"],
        properties: {
          ok: { type: "boolean" },
          records: { type: "integer", minimum: 0 },
          head: {
            oneOf: [
              { type: "null" },
              { type: "object", properties: { seq: { type: "integer" }, hash: { type: "string" } } }
            ]
          },
          problems: { type: "array", items: PROBLEM },
          gaps: {
            type: "array",
            description: "Records purged by the retention policy: a documented gap, not tampering.",
            items: {
              type: "object",
              required: ["through_seq", "checkpoint_hash", "purged_at", "reason"],
              properties: {
                through_seq: { type: "integer", minimum: 0 },
                checkpoint_hash: { type: "string" },
                purged_at: { type: "string", format: "date-time" },
                reason: { type: "string" }
              }
            }
          },
          anchors_checked: { type: "integer", minimum: 0 },
          quarantined: { type: "array", items: { type: "string" } }
        }
      }
    }
  },
  async handle(ctx) {
    if (!ctx.deps.verifyJournal) {
      throw new OpsledgerError("JOURNAL_UNAVAILABLE", "this service cannot verify its journal");
    }
    return { body: await ctx.deps.verifyJournal() };
  }
};
var JOURNAL_ROUTES = [VERIFY_JOURNAL];

// src/github/webhook-queue.ts
import { access, mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path2 from "node:path";
var DELIVERY_ID = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;
function openWebhookQueue(dataDir) {
  const root = path2.join(dataDir, "github");
  const dirs = {
    queue: path2.join(root, "queue"),
    done: path2.join(root, "done"),
    failed: path2.join(root, "failed")
  };
  const lockFile = path2.join(root, "queue.lock");
  let ready = null;
  let counter = 0;
  const prepare = () => ready ??= (async () => {
    for (const d of Object.values(dirs)) await mkdir(d, { recursive: true, mode: 448 });
    await writeFile(lockFile, "", { flag: "a", mode: 384 });
  })();
  const locked = async (fn) => {
    await prepare();
    return withFlock(lockFile, { what: "the GitHub delivery queue" }, fn);
  };
  const exists = (file) => access(file).then(
    () => true,
    () => false
  );
  const seen = async (delivery) => {
    const name = `${delivery}.json`;
    if (await exists(path2.join(dirs.done, name)) || await exists(path2.join(dirs.failed, name)))
      return true;
    return (await readdir(dirs.queue)).some((f) => f.endsWith(`-${name}`));
  };
  return {
    async enqueue(job) {
      if (!DELIVERY_ID.test(job.delivery)) {
        throw new OpsledgerError(
          "INPUT_INVALID",
          `X-GitHub-Delivery ${JSON.stringify(job.delivery)} is not a delivery id`,
          {
            hint: "GitHub sends a GUID in X-GitHub-Delivery."
          }
        );
      }
      return locked(async () => {
        if (await seen(job.delivery)) return false;
        const seq = `${String(Date.now()).padStart(14, "0")}${String(counter++ % 1e4).padStart(4, "0")}`;
        await writeFileDurably(path2.join(dirs.queue, `${seq}-${job.delivery}.json`), JSON.stringify(job));
        return true;
      });
    },
    async pending() {
      await prepare();
      const files = (await readdir(dirs.queue)).filter((f) => f.endsWith(".json") && !f.startsWith(".")).sort();
      const jobs = [];
      for (const file of files) {
        try {
          jobs.push({
            ...JSON.parse(await readFile(path2.join(dirs.queue, file), "utf8")),
            file
          });
        } catch {
          await rename(path2.join(dirs.queue, file), path2.join(dirs.failed, file.replace(/^\d+-/, "")));
        }
      }
      return jobs;
    },
    async complete(job, outcome) {
      await locked(async () => {
        const record = {
          delivery: job.delivery,
          event: job.event,
          received_at: job.received_at,
          finished_at: outcome.at.toISOString(),
          failed: outcome.failed,
          note: outcome.note
        };
        const target = path2.join(outcome.failed ? dirs.failed : dirs.done, `${job.delivery}.json`);
        await writeFileDurably(target, JSON.stringify(record));
        await rm(path2.join(dirs.queue, job.file), { force: true });
        fsyncDir(dirs.queue);
      });
    }
  };
}

// src/server/routes/github-routes.ts
var WEBHOOK_MAX_BYTES = 2 * 1024 * 1024;
var header = (value) => Array.isArray(value) ? value[0] : value;
var GITHUB_ROUTES = [
  {
    method: "post",
    path: "/github/webhook",
    operationId: "receiveGithubWebhook",
    permission: "public",
    tag: "github",
    summary: "A GitHub App webhook delivery: verified, then queued durably for the worker",
    description: "No API key: the body must be signed with the webhook secret (`X-Hub-Signature-256`), else 401 and nothing is done. A delivery id seen before (`X-GitHub-Delivery`) is a replay: 200, nothing queued. `pull_request`, `pull_request_review` and `push` deliveries are queued (fsync) and answered 202 at once; the check, comment, labels and approval notes follow from the queue, and a push to the tracked branch is fetched into the service's clone and history refreshed. Other events are answered 200 and ignored. See docs/github.md.",
    headers: {
      "X-Hub-Signature-256": {
        schema: { type: "string", pattern: "^sha256=[0-9a-f]{64}$" },
        description: "HMAC-SHA256 of the exact body with the webhook secret.",
        required: true
      },
      "X-GitHub-Event": { schema: { type: "string" }, description: "The event name.", required: true },
      "X-GitHub-Delivery": {
        schema: { type: "string", pattern: DELIVERY_ID.source },
        description: "The delivery id (a GUID); a redelivery or replay repeats it.",
        required: true
      }
    },
    body: {
      schema: { type: "object" },
      description: "The webhook payload as GitHub sends it.",
      maxBytes: WEBHOOK_MAX_BYTES
    },
    responses: {
      200: {
        description: "A replayed delivery, or an event the App does not handle: nothing done.",
        schema: {
          type: "object",
          required: ["status", "delivery"],
          properties: { status: { enum: ["duplicate", "ignored"] }, delivery: { type: "string" } }
        }
      },
      202: {
        description: "Queued durably; the worker does the work.",
        schema: {
          type: "object",
          required: ["status", "delivery"],
          properties: { status: { const: "queued" }, delivery: { type: "string" } }
        }
      },
      401: {
        description: "The signature is missing or does not match: nothing done.",
        schema: ref("Error")
      },
      404: {
        description: "The GitHub App is not configured on this server.",
        schema: ref("Error")
      }
    },
    async handle(ctx) {
      const app = ctx.deps.github;
      if (!app)
        throw new OpsledgerError("GITHUB_NOT_CONFIGURED", "the GitHub App is not configured on this server");
      const signature = header(ctx.headers["x-hub-signature-256"]);
      if (!ctx.rawBody || !await app.verify(ctx.rawBody, signature)) {
        throw new OpsledgerError(
          "SIGNATURE_INVALID",
          signature ? "X-Hub-Signature-256 does not match the body" : "X-Hub-Signature-256 is missing"
        );
      }
      const event = header(ctx.headers["x-github-event"]);
      const delivery = header(ctx.headers["x-github-delivery"]);
      if (!event || !delivery) {
        throw new OpsledgerError("INPUT_INVALID", "X-GitHub-Event and X-GitHub-Delivery are required", {
          hint: "GitHub sends both with every delivery; a hand-made request must too."
        });
      }
      const status = await app.receive({
        delivery,
        event,
        received_at: ctx.deps.now().toISOString(),
        payload: ctx.body
      });
      return { status: status === "queued" ? 202 : 200, body: { status, delivery } };
    }
  }
];
var REVERT_RESULT = {
  type: "object",
  required: ["url", "number", "branch", "commit", "paths"],
  properties: {
    url: { type: "string", description: "The pull request's web address." },
    number: { type: "integer" },
    branch: { type: "string", description: "The branch pushed to github.remote (`opsledger/revert-\u2026`)." },
    commit: { type: "string", pattern: "^[0-9a-f]{40}$" },
    paths: { type: "array", items: { type: "string" } }
  }
};
function revertRoute(kind) {
  return defineRoute({
    method: "post",
    path: `/${kind}s/{id}/revert`,
    operationId: kind === "action" ? "revertActionAsPullRequest" : "revertRunbookAsPullRequest",
    permission: "definitions:modify",
    tag: "github",
    summary: `Restore a version of ${kind === "action" ? "an action" : "a runbook"} through a pull request`,
    description: "Commits the revert as `opsledger revert ID --to VERSION` does, on a new branch from the tracked branch of `github.remote`, pushes it and opens a pull request whose body shows the semantic diff of what it restores. The commit is authored by the caller; the pull request then goes through the same check and approvals as any change. See docs/github.md.",
    params: { id: ID_PARAM },
    body: {
      schema: {
        type: "object",
        additionalProperties: false,
        required: ["to"],
        properties: {
          to: {
            oneOf: [
              { type: "integer", minimum: 1 },
              { type: "string", pattern: "^v?[1-9][0-9]*$" }
            ],
            description: 'The version to restore (3 or "v3").'
          }
        }
      },
      description: "The version to restore."
    },
    responses: {
      201: {
        description: "The pull request was opened.",
        schema: REVERT_RESULT,
        headers: { Location: { description: "The pull request's web address.", schema: { type: "string" } } }
      },
      404: {
        description: "No such definition or version, or GitHub is not configured.",
        schema: ref("Error")
      }
    },
    async handle(ctx) {
      const open = ctx.deps.openRevertPullRequest;
      if (!open) throw new OpsledgerError("GITHUB_NOT_CONFIGURED", "GitHub is not configured on this server");
      const version = typeof ctx.body.to === "number" ? ctx.body.to : Number(ctx.body.to.replace(/^v/, ""));
      const pr = await open({ kind, id: ctx.params.id, version, user: ctx.principal.email });
      return { status: 201, body: pr, headers: { Location: pr.url } };
    }
  });
}
var REVERT_ROUTES = [revertRoute("action"), revertRoute("runbook")];

// src/server/routes/meta-routes.ts
import { existsSync } from "node:fs";

// src/server/render-docs-page.ts
import path3 from "node:path";
var REDOC_BUNDLE = path3.join(PACKAGE_ROOT, "dist/assets/redoc.standalone.js");
var REDOC_URL = `/api/v1/docs/redoc.standalone.js?v=${PACKAGE_VERSION}`;
var DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src blob:",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'"
].join("; ");
var BUNDLE_CSP = "default-src 'none'; frame-ancestors 'none'";
function renderDocsPage(title) {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${title.replace(/[&<>"']/g, "")} API</title>
</head>
<body>
<redoc spec-url="/api/v1/openapi.json"></redoc>
<noscript>This page needs JavaScript. The API description itself is <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</noscript>
<script src="${REDOC_URL}"></script>
</body>
</html>
`;
}

// src/server/routes/meta-routes.ts
function metaRoutes(document) {
  return [
    {
      method: "get",
      path: "/health",
      operationId: "health",
      permission: "public",
      tag: "meta",
      summary: "Liveness (no key needed)",
      responses: { 200: { description: "The service is up.", schema: ref("Health") } },
      async handle(ctx) {
        const body = { status: "ok", version: document().info.version };
        return {
          body: ctx.deps.databaseHealth ? { ...body, database: await ctx.deps.databaseHealth() } : body
        };
      }
    },
    {
      method: "get",
      path: "/openapi.json",
      operationId: "openapi",
      permission: "public",
      tag: "meta",
      summary: "This OpenAPI 3.1 document",
      responses: { 200: { description: "The document.", schema: { type: "object", required: ["openapi"] } } },
      handle() {
        return { body: document() };
      }
    },
    {
      method: "get",
      path: "/docs",
      operationId: "docs",
      permission: "public",
      tag: "meta",
      summary: "Human-readable API documentation (Redoc, served by this server: no CDN)",
      responses: { 200: { description: "An HTML page.", content: { "text/html": { type: "string" } } } },
      handle() {
        return { html: renderDocsPage(document().info.title), csp: DOCS_CSP };
      }
    },
    {
      method: "get",
      path: "/docs/redoc.standalone.js",
      operationId: "docsScript",
      permission: "public",
      tag: "meta",
      summary: "Redoc's standalone bundle, which the docs page runs",
      description: "The copy of Redoc shipped in the package (dist/assets/). Cached for a year: the docs page names it with `?v=` and the opsledger version.",
      query: {
        v: {
          schema: { type: "string", maxLength: 64 },
          description: "The opsledger version (a cache key; any value gets the same file)."
        }
      },
      responses: {
        200: {
          description: "JavaScript.",
          content: { "text/javascript": { type: "string" } },
          headers: {
            "Cache-Control": {
              description: "public, max-age=31536000, immutable",
              schema: { type: "string" }
            }
          }
        },
        404: {
          description: "The bundle is missing (a build without `npm run build`).",
          schema: ref("Error")
        }
      },
      handle() {
        if (!existsSync(REDOC_BUNDLE)) {
          throw new OpsledgerError("NOT_FOUND", "the Redoc bundle is missing from dist/assets/", {
            hint: "Build the package with `npm run build`, which copies it there."
          });
        }
        return {
          file: REDOC_BUNDLE,
          contentType: "text/javascript; charset=utf-8",
          csp: BUNDLE_CSP,
          cacheControl: "public, max-age=31536000, immutable"
        };
      }
    }
  ];
}

// src/server/idempotent.ts
import { createHash as createHash3 } from "node:crypto";
var IDEMPOTENCY_KEY_PATTERN = "^[A-Za-z0-9_.:-]{1,200}$";
var IDEMPOTENCY_KEY = new RegExp(IDEMPOTENCY_KEY_PATTERN);
function idempotencyKeyOf(headers, required) {
  const v = headers["idempotency-key"];
  if (v === void 0 && !required) return void 0;
  if (typeof v !== "string" || !IDEMPOTENCY_KEY.test(v)) {
    throw new OpsledgerError(
      "INPUT_INVALID",
      required ? 'header "Idempotency-Key" (1-200 of A-Z a-z 0-9 _ . : -) is required' : 'header "Idempotency-Key" must be 1-200 of A-Z a-z 0-9 _ . : -'
    );
  }
  return v;
}
function canonicalJson(value) {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== void 0).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0);
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
var inflight = /* @__PURE__ */ new Map();
async function idempotent(store, options, create) {
  const { key, scope } = options;
  if (key === void 0) return { ...await create(), replayed: false };
  const requestHash = createHash3("sha256").update(`${options.route}
${canonicalJson(options.body)}`).digest("hex");
  const slot = `${scope}\0${key}`;
  while (inflight.has(slot)) await inflight.get(slot)?.catch(() => void 0);
  const attempt = (async () => {
    const seen = await store.get(scope, key);
    if (seen) {
      if (seen.request_hash !== requestHash) {
        throw new OpsledgerError(
          "IDEMPOTENCY_CONFLICT",
          `Idempotency-Key "${key}" was used for a different request`
        );
      }
      return { status: seen.status, executionId: seen.execution_id, replayed: true };
    }
    const made = await create();
    const entry = {
      request_hash: requestHash,
      execution_id: made.executionId,
      status: made.status,
      created_at: options.now.toISOString()
    };
    await store.put(scope, key, entry);
    return { ...made, replayed: false };
  })();
  inflight.set(slot, attempt);
  try {
    return await attempt;
  } finally {
    inflight.delete(slot);
  }
}

// src/server/recording-records.ts
function recordingStartInput(body, user, version) {
  const action = version?.value;
  const client = body.definition;
  const differs = version !== null && client.blob !== version.blob;
  if (body.trigger === "manual") {
    if (version === null && body.allow_dirty !== true) {
      throw new OpsledgerError(
        "DEFINITION_NOT_FOUND",
        `no action "${body.action_id}" on the service's branch`,
        {
          hint: "Push the action and let it be released, or pass --allow-dirty to run it anyway (the run is flagged)."
        }
      );
    }
    if (differs && body.allow_dirty !== true) {
      throw new OpsledgerError(
        "DEFINITION_DIRTY",
        `your copy of action "${body.action_id}" (${client.blob?.slice(0, 12) ?? "uncommitted"}) differs from the service's (${version.blob?.slice(0, 12)} at ${version.commit.slice(0, 12)})`,
        {
          hint: "Pull (or push) the tracked branch first, or pass --allow-dirty to run it anyway (the run is flagged)."
        }
      );
    }
    if (action && action.status !== "released" && body.allow_unreleased !== true) {
      throw new OpsledgerError(
        "DEFINITION_UNRELEASED",
        `action "${action.id}" is ${action.status}, not released`
      );
    }
  }
  const names = parameterNameProblems(action?.parameters ?? [], Object.keys(body.parameters), {
    anyName: version === null
  });
  if (names.length > 0) throw new OpsledgerError("PARAM_INVALID", names.join("; "));
  rejectControlCharacters(body.parameters);
  const definition = version ? {
    commit: version.commit,
    blob: version.blob,
    path: version.path,
    version: version.version,
    status: action?.status ?? null,
    dirty: client.dirty || differs
  } : (
    // Only the client knows it (exec of an undefined action, or a dirty run of an uncommitted one).
    { ...client, commit: null, version: null, dirty: body.trigger === "manual" || client.dirty }
  );
  return {
    id: body.id,
    action_id: body.action_id,
    definition,
    trigger: body.trigger,
    initiator: {
      user,
      via: "cli",
      ...body.os_user !== void 0 ? { os_user: body.os_user } : {},
      ...body.host !== void 0 ? { host: body.host } : {}
    },
    targets: body.targets,
    parameters: redactSecrets(action, body.parameters),
    started_at: new Date(Date.parse(body.started_at)).toISOString(),
    finished_at: null,
    duration_ms: null,
    status: "running",
    exit_code: null,
    ...body.command ? { command: body.command } : {},
    recorded_via: "server"
  };
}
function redactSecrets(action, parameters) {
  const out = {};
  for (const [name, value] of Object.entries(parameters)) {
    const secret = action?.parameters?.find((p) => p.name === name)?.secret === true;
    out[name] = secret || typeof value === "object" ? { redacted: true } : value;
  }
  return out;
}
function deniedInput(start, tip) {
  return {
    ...start,
    status: "denied",
    finished_at: start.started_at,
    duration_ms: 0,
    error: `denied: ${start.initiator.user} may not run "${start.action_id}" (actions:execute, roles at ${tip?.slice(0, 12) ?? "an empty branch"})`
  };
}
function recordingEndInput(start, body) {
  const finished = Date.parse(body.finished_at);
  if (finished < Date.parse(start.started_at)) {
    throw new OpsledgerError("INPUT_INVALID", "finished_at is before the run started");
  }
  const { seq: _seq, prev_hash: _prev, hash: _hash, ...fields } = start;
  return {
    ...fields,
    finished_at: new Date(finished).toISOString(),
    duration_ms: body.duration_ms,
    status: body.status,
    exit_code: body.exit_code,
    ...body.results ? { results: body.results } : {},
    ...body.error !== void 0 ? { error: body.error } : {}
  };
}
function sameStart(recorded, wanted, resolveUser) {
  return recorded.action_id === wanted.action_id && recorded.started_at === wanted.started_at && resolveUser(recorded.initiator.user).toLowerCase() === wanted.initiator.user.toLowerCase();
}
function sameEnd(recorded, body) {
  return recorded.status === body.status && recorded.exit_code === body.exit_code && recorded.finished_at === new Date(Date.parse(body.finished_at)).toISOString();
}
function lateEndInput(abandoned, body, deliveredAt) {
  const finished = Date.parse(body.finished_at);
  if (finished < Date.parse(abandoned.started_at)) {
    throw new OpsledgerError("INPUT_INVALID", "finished_at is before the run started");
  }
  const { seq: _seq, prev_hash: _prev, hash: _hash, ...fields } = abandoned;
  const late = {
    status: body.status,
    finished_at: new Date(finished).toISOString(),
    duration_ms: body.duration_ms,
    exit_code: body.exit_code,
    ...body.results ? { results: body.results } : {},
    ...body.error !== void 0 ? { error: body.error } : {},
    delivered_at: deliveredAt.toISOString()
  };
  return { ...fields, late_end: late };
}

// src/server/routes/recording-schemas.ts
var DATE_TIME2 = { type: "string", format: "date-time" };
var SHA = { type: ["string", "null"], pattern: "^[0-9a-f]{40,64}$" };
var TAIL = { type: "string", maxLength: 65536 };
var EXECUTION_ID2 = {
  schema: { type: "string", pattern: "^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$" },
  description: "Execution id (the one the start was recorded with).",
  required: true
};
var RECORDING_KEY = {
  "Idempotency-Key": {
    schema: { type: "string", pattern: IDEMPOTENCY_KEY_PATTERN },
    required: true,
    description: "The key the CLI gave this end (it keeps it in its spool with the end): a redelivery with the same key and body gets the recorded end back (`Idempotent-Replayed: true`), never a second record."
  }
};
var START_BODY = {
  type: "object",
  additionalProperties: false,
  required: ["id", "action_id", "trigger", "definition", "targets", "parameters", "started_at"],
  properties: {
    id: { type: "string", pattern: "^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$" },
    action_id: { type: "string", pattern: DEFINITION_ID_PATTERN },
    trigger: {
      enum: ["manual", "external"],
      description: "`manual` for `opsledger run`, `external` for `exec`."
    },
    definition: {
      type: "object",
      additionalProperties: false,
      required: ["commit", "blob", "path", "version", "status", "dirty"],
      description: "What the CLI pinned locally; the record is pinned to the service\u2019s own view.",
      properties: {
        commit: SHA,
        blob: SHA,
        path: { type: ["string", "null"], maxLength: 1e3 },
        version: { type: ["integer", "null"], minimum: 1 },
        status: { type: ["string", "null"], maxLength: 40 },
        dirty: { type: "boolean" }
      }
    },
    targets: TARGET_LIST,
    parameters: {
      ...PARAMETER_VALUES,
      additionalProperties: {
        oneOf: [
          { type: ["string", "number", "boolean"] },
          {
            type: "object",
            required: ["redacted"],
            properties: { redacted: { const: true }, hmac: { type: "string", maxLength: 128 } },
            additionalProperties: false
          }
        ]
      },
      description: 'Secret parameters as `{ "redacted": true }`: a secret value never leaves the CLI.'
    },
    started_at: DATE_TIME2,
    command: { type: "array", maxItems: 1e3, items: { type: "string", maxLength: 4e3 } },
    os_user: { type: "string", maxLength: 254 },
    host: { type: "string", maxLength: 254 },
    allow_dirty: { type: "boolean", default: false },
    allow_unreleased: { type: "boolean", default: false }
  }
};
var END_BODY = {
  type: "object",
  additionalProperties: false,
  required: ["status", "finished_at", "duration_ms", "exit_code"],
  properties: {
    status: { enum: [...RUN_OUTCOMES] },
    finished_at: DATE_TIME2,
    duration_ms: { type: "integer", minimum: 0, maximum: 31536e6 },
    exit_code: { type: ["integer", "null"], minimum: -1e6, maximum: 1e6 },
    results: {
      type: "array",
      maxItems: 1e3,
      items: {
        type: "object",
        additionalProperties: false,
        required: [
          "target",
          "status",
          "exit_code",
          "duration_ms",
          "stdout_tail",
          "stderr_tail",
          "truncated_bytes"
        ],
        properties: {
          target: { type: ["string", "null"], maxLength: 253 },
          status: { enum: [...RUN_OUTCOMES] },
          exit_code: { type: ["integer", "null"] },
          signal: { type: "string", maxLength: 20 },
          duration_ms: { type: "integer", minimum: 0 },
          stdout_tail: TAIL,
          stderr_tail: TAIL,
          truncated_bytes: { type: "integer", minimum: 0 }
        }
      }
    },
    error: { type: "string", maxLength: 4e3 }
  }
};

// src/server/routes/recording-routes.ts
function conditional(journal) {
  if (typeof journal.appendIf !== "function") {
    throw new OpsledgerError("JOURNAL_UNAVAILABLE", "this journal cannot take remote recordings");
  }
  return journal;
}
var reply = (ctx, record, status, replayed, extra = {}) => ({
  status,
  body: present(ctx, record),
  headers: {
    Location: `${API_BASE}/executions/${encodeURIComponent(record.id)}`,
    ...replayed ? { "Idempotent-Replayed": "true" } : {},
    ...extra
  }
});
var leaseSeconds = (ctx) => ctx.deps.config.server.recording_lease_seconds;
var LEASE_HEADER = {
  "Opsledger-Lease-Seconds": {
    description: "The run\u2019s lease (`server.recording_lease_seconds`): renew it with `POST /recordings/{id}/heartbeat` well within it.",
    schema: { type: "integer", minimum: 1 }
  }
};
var START_RECORDING = defineRoute({
  method: "post",
  path: "/recordings",
  operationId: "startRecording",
  // Every role member may ask; the handler decides `actions:execute` itself, so a refusal is recorded as `denied`.
  permission: "definitions:read",
  tag: "executions",
  summary: "Authorize and record the start of a run the CLI carries out (remote recording)",
  description: "Used by `opsledger run` and `exec` with `--server` (docs/executions.md, Remote recording). The run is pinned to the action at the tip of the branch the service reads and initiated by your API key\u2019s user. Without `actions:execute` for the action (roles at that tip) a `denied` record is written and the answer is 403 `RUN_DENIED`: the CLI runs nothing. A copy of the action that differs from the service\u2019s is 409 unless `allow_dirty` (then recorded dirty). Answers 201 once the `running` record is durable; a retry of the same start is answered 200 with `Idempotent-Replayed: true`. The run holds a lease of `Opsledger-Lease-Seconds` from then on: the CLI renews it (`POST /recordings/{id}/heartbeat`); once it lapses the service records the run `abandoned`.",
  body: { schema: START_BODY, description: "The run as the CLI will carry it out." },
  accessLog: false,
  responses: {
    200: {
      description: "The same start, recorded before (a retry).",
      schema: ref("ExecutionRecord"),
      headers: LEASE_HEADER
    },
    201: {
      description: "Recorded: the CLI may run it now, renewing its lease meanwhile.",
      schema: ref("ExecutionRecord"),
      headers: LEASE_HEADER
    },
    403: { description: "`RUN_DENIED`: recorded as denied; nothing may run.", schema: ref("Error") },
    409: { description: "The id is taken, or the action differs or is not released.", schema: ref("Error") },
    503: { description: "The journal cannot take the record; nothing may run.", schema: ref("Error") }
  },
  async handle(ctx) {
    const journal = conditional(ctx.deps.journal);
    const user = ctx.principal?.email ?? "";
    const version = ctx.deps.history.definitionAt("action", ctx.body.action_id);
    const tags = version ? version.value.tags ?? [] : [];
    const allowed = decideAccess(ctx.principal, {
      kind: "execute",
      action: { id: ctx.body.action_id, tags }
    });
    const start = allowed ? recordingStartInput(ctx.body, user, version) : deniedInput(
      recordingStartInput({ ...ctx.body, allow_dirty: true, allow_unreleased: true }, user, version),
      ctx.deps.history.tip()
    );
    await journal.refresh();
    const appended = await journal.appendIf(start, (latest) => latest === null);
    const recorded = appended ?? await journal.get(start.id);
    if (!recorded || !appended && !sameStart(recorded, start, (s) => journal.resolveUser(s))) {
      throw new OpsledgerError(
        "IDEMPOTENCY_CONFLICT",
        `execution id "${start.id}" is already used by another run`,
        {
          hint: "Start the run again: the CLI makes a new id each time."
        }
      );
    }
    if (!allowed || recorded.status === "denied") {
      throw new OpsledgerError(
        "RUN_DENIED",
        `${recorded.error ?? "denied"}; recorded as ${recorded.id}, nothing ran`
      );
    }
    try {
      await ctx.deps.recordingLeases?.renew(
        recorded.id,
        new Date(ctx.deps.now().getTime() + leaseSeconds(ctx) * 1e3)
      );
    } catch (err) {
      ctx.deps.logger.warn(`cannot grant the lease of remote run ${recorded.id}: ${err.message}`);
    }
    return reply(ctx, recorded, appended ? 201 : 200, !appended, {
      "Opsledger-Lease-Seconds": String(leaseSeconds(ctx))
    });
  }
});
var END_RECORDING = defineRoute({
  method: "post",
  path: "/recordings/{id}/end",
  operationId: "endRecording",
  permission: "definitions:read",
  tag: "executions",
  summary: "Record the end of a remotely recorded run (exactly once)",
  description: "Only for runs started through `POST /recordings`, by the same user (or an admin); any other id is 404. The end carries the recorded start\u2019s fields, whatever the client sends. The spool of the CLI redelivers an end with the same `Idempotency-Key` until it is acknowledged; every redelivery gets the one end record back. An end that arrives after the service closed the run `abandoned` (its lease lapsed: the CLI was cut off) is kept once as `late_end` on a record that leaves the run `abandoned` (201 with `Opsledger-Late-End: true`).",
  params: { id: EXECUTION_ID2 },
  headers: RECORDING_KEY,
  body: { schema: END_BODY, description: "How the run ended." },
  accessLog: false,
  responses: {
    200: { description: "This end was recorded before (a redelivery).", schema: ref("ExecutionRecord") },
    201: {
      description: "Recorded (the end record, or the `late_end` record of a run closed `abandoned`).",
      schema: ref("ExecutionRecord"),
      headers: {
        "Opsledger-Late-End": {
          description: "`true` when the run had been closed `abandoned` and the end is kept as its `late_end`.",
          schema: { const: "true" }
        }
      }
    },
    404: { description: "No remote recording with that id that you may end.", schema: ref("Error") },
    409: {
      description: "`RUN_ALREADY_ENDED` with another end, or an Idempotency-Key conflict.",
      schema: ref("Error")
    },
    503: { description: "The journal cannot take the record.", schema: ref("Error") }
  },
  async handle(ctx) {
    const journal = conditional(ctx.deps.journal);
    const id = ctx.params.id;
    const key = idempotencyKeyOf(ctx.headers, true);
    await journal.refresh();
    const start = await ownRecording(ctx, journal, id);
    const outcome = await idempotent(
      ctx.deps.idempotency,
      {
        scope: `recording:${id}`,
        key,
        route: `POST /recordings/${id}/end`,
        body: ctx.body,
        now: ctx.deps.now()
      },
      async () => {
        const input = recordingEndInput(start, ctx.body);
        const appended = await journal.appendIf(input, (latest2) => latest2?.status === "running");
        if (appended) return { status: 201, executionId: id };
        const latest = await journal.get(id);
        if (latest && sameEnd(latest, ctx.body)) return { status: 200, executionId: id };
        if (latest?.status === "abandoned") return keepLateEnd(ctx, journal, latest);
        throw new OpsledgerError(
          "RUN_ALREADY_ENDED",
          `run ${id} already ended ${latest?.status ?? ""} with another end record`
        );
      }
    );
    await dropLease(ctx, id);
    const recorded = await journal.get(id);
    if (!recorded) throw new OpsledgerError("INTERNAL", `recorded execution ${id} is missing`);
    return reply(
      ctx,
      recorded,
      outcome.status,
      outcome.replayed || outcome.status === 200,
      recorded.late_end ? { "Opsledger-Late-End": "true" } : {}
    );
  }
});
async function keepLateEnd(ctx, journal, abandoned) {
  const id = abandoned.id;
  const unkept = (l) => l?.status === "abandoned" && l.late_end === void 0;
  if (unkept(abandoned)) {
    const kept = await journal.appendIf(lateEndInput(abandoned, ctx.body, ctx.deps.now()), unkept);
    if (kept) return { status: 201, executionId: id };
  }
  const latest = await journal.get(id);
  if (latest?.late_end && sameEnd(latest.late_end, ctx.body)) return { status: 200, executionId: id };
  throw new OpsledgerError(
    "RUN_ALREADY_ENDED",
    `run ${id} was recorded abandoned and already holds another late end`
  );
}
async function dropLease(ctx, id) {
  try {
    await ctx.deps.recordingLeases?.drop(id);
  } catch {
  }
}
var HEARTBEAT_RECORDING = defineRoute({
  method: "post",
  path: "/recordings/{id}/heartbeat",
  operationId: "renewRecordingLease",
  permission: "definitions:read",
  tag: "executions",
  summary: "Renew the lease of a remotely recorded run (heartbeat)",
  description: "Only for a run started through `POST /recordings`, by the same user (or an admin); any other id is 404. While the run is `running` its lease is extended to `Opsledger-Lease-Seconds` from now (the answer says until when); a run that ended \u2014 or was closed `abandoned` because its lease had lapsed \u2014 is 409 `RUN_ALREADY_ENDED` naming its status: the CLI goes on and delivers the end as usual (kept as `late_end`). No body. Counts against the key\u2019s rate limit like any request: at the CLI\u2019s pace that is three a lease per run.",
  params: { id: EXECUTION_ID2 },
  accessLog: false,
  responses: {
    200: {
      description: "Renewed.",
      headers: LEASE_HEADER,
      schema: {
        type: "object",
        required: ["id", "status", "lease_expires_at", "lease_seconds"],
        properties: {
          id: { type: "string" },
          status: { const: "running" },
          lease_expires_at: { type: "string", format: "date-time" },
          lease_seconds: { type: "integer", minimum: 1 }
        }
      }
    },
    404: { description: "No remote recording with that id that you may renew.", schema: ref("Error") },
    409: { description: "`RUN_ALREADY_ENDED`: the run is no longer running.", schema: ref("Error") },
    503: { description: "The lease cannot be stored now (the database is down).", schema: ref("Error") }
  },
  async handle(ctx) {
    const journal = conditional(ctx.deps.journal);
    const leases = ctx.deps.recordingLeases;
    if (!leases)
      throw new OpsledgerError("JOURNAL_UNAVAILABLE", "this service keeps no leases of remote runs");
    const id = ctx.params.id;
    await journal.refresh();
    await ownRecording(ctx, journal, id);
    const latest = await journal.get(id);
    if (latest?.status !== "running") {
      throw new OpsledgerError(
        "RUN_ALREADY_ENDED",
        `run ${id} is no longer running: ${latest?.status ?? "gone"}`,
        {
          hint: "The run goes on locally; its end is delivered as usual (after an `abandoned` record, as its late end)."
        }
      );
    }
    const seconds = leaseSeconds(ctx);
    const until = new Date(ctx.deps.now().getTime() + seconds * 1e3);
    try {
      await leases.renew(id, until);
    } catch (err) {
      throw new OpsledgerError(
        "JOURNAL_UNAVAILABLE",
        `cannot renew the lease of ${id}: ${err.message}`,
        {
          cause: err
        }
      );
    }
    return {
      body: { id, status: "running", lease_expires_at: until.toISOString(), lease_seconds: seconds },
      headers: { "Opsledger-Lease-Seconds": String(seconds) }
    };
  }
});
async function ownRecording(ctx, journal, id) {
  const records = await journal.records(id);
  const start = records[0];
  const mine = start !== void 0 && start.status === "running" && start.initiator.via === "cli" && recordedVia(start) === "server" && (ctx.principal?.permissions.has("admin") === true || journal.resolveUser(start.initiator.user).toLowerCase() === ctx.principal?.email);
  if (!mine) {
    throw new OpsledgerError("NOT_FOUND", `no remote recording "${id}" you may end or renew`, {
      hint: "Only the user who started a run through POST /recordings (or an admin) renews it and records its end."
    });
  }
  return start;
}
var RECORDING_ROUTES = [START_RECORDING, END_RECORDING, HEARTBEAT_RECORDING];

// src/server/routes/report-routes.ts
import { realpath, stat } from "node:fs/promises";
import path4 from "node:path";
var REPORTS_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
var CONTENT_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png"
};
var notFound = () => new OpsledgerError("NOT_FOUND", "no such report", { hint: "Start at /reports/index.html." });
var noManifest = () => new OpsledgerError("NOT_FOUND", "no such report: the reports folder has no report manifest", {
  hint: "Generate the reports with `opsledger report`; only the files it lists in manifest.json are served."
});
async function resolveReportFile(root, segments) {
  if (segments.length > 32) throw notFound();
  for (const s of segments) {
    if (s === "" || s.startsWith(".") || /[\\/\0]/.test(s)) throw notFound();
  }
  let realRoot;
  try {
    realRoot = await realpath(root);
  } catch {
    throw notFound();
  }
  const manifest = await readManifest(realRoot);
  if (!manifest) throw noManifest();
  let file = path4.join(realRoot, ...segments);
  try {
    let requested = segments.join("/");
    file = await realpath(file);
    if ((await stat(file)).isDirectory()) {
      file = await realpath(path4.join(file, "index.html"));
      requested = `${requested}/index.html`;
    }
    if (file !== realRoot && !file.startsWith(realRoot + path4.sep)) throw notFound();
    const rel = path4.relative(realRoot, file);
    if (rel.split(path4.sep).some((s) => s.startsWith("."))) throw notFound();
    if (!manifest.has(requested) || !manifest.has(rel.split(path4.sep).join("/"))) throw notFound();
    if (!(await stat(file)).isFile()) throw notFound();
  } catch (err) {
    if (err instanceof OpsledgerError) throw err;
    throw notFound();
  }
  if (!CONTENT_TYPES[path4.extname(file).toLowerCase()]) throw notFound();
  return file;
}
async function serveReport(ctx, segments) {
  const root = path4.resolve(ctx.deps.repo, ctx.deps.config.paths.reports);
  const file = await resolveReportFile(root, segments);
  return { file, contentType: CONTENT_TYPES[path4.extname(file).toLowerCase()], csp: REPORTS_CSP };
}
var FILE_RESPONSE = {
  description: "The report file (HTML reports are self-contained; a strict CSP keeps them offline).",
  content: {
    "text/html": { type: "string" },
    "text/markdown": { type: "string" }
  }
};
var REPORT_ROUTES = [
  {
    method: "get",
    path: "/reports",
    mount: "/",
    operationId: "reportsIndex",
    permission: "reports:read",
    tag: "reports",
    summary: "The reports index (reports/index.html)",
    responses: { 200: FILE_RESPONSE },
    handle: (ctx) => serveReport(ctx, ["index.html"])
  },
  {
    method: "get",
    path: "/reports/{path}",
    mount: "/",
    wildcard: true,
    operationId: "reportFile",
    permission: "reports:read",
    tag: "reports",
    summary: "A generated report file under the repo\u2019s reports folder",
    params: {
      path: {
        schema: { type: "string", minLength: 1, maxLength: 1024 },
        description: "Path inside the reports folder, e.g. `actions/restart-web.html`.",
        required: true
      }
    },
    responses: { 200: FILE_RESPONSE },
    handle: (ctx) => serveReport(ctx, ctx.params.path.split("/"))
  }
];

// src/executions/scrub-error.ts
function listSecretValues(definitions, values) {
  return definitions.filter((p) => p.secret === true && Object.hasOwn(values, p.name)).map((p) => String(values[p.name])).filter((v) => v !== "");
}
function scrubError(err, secrets) {
  if (secrets.length === 0) return err;
  if (err instanceof OpsledgerError) {
    const scrubbed = new OpsledgerError(err.code, scrubText(err.message, secrets), {
      hint: scrubText(err.hint, secrets)
    });
    scrubbed.stack = scrubText(err.stack ?? "", secrets);
    return scrubbed;
  }
  const plain = new Error(scrubText(err instanceof Error ? err.message : String(err), secrets));
  plain.stack = scrubText(err instanceof Error ? err.stack ?? "" : "", secrets);
  return plain;
}

// src/server/routes/run-routes.ts
var IDEMPOTENCY_KEY2 = {
  "Idempotency-Key": {
    schema: { type: "string", pattern: IDEMPOTENCY_KEY_PATTERN },
    description: "Makes retries safe: the same key with the same body returns the first answer (with `Idempotent-Replayed: true`); with another body it is a 409. Keys are remembered per API key."
  }
};
function executableAction(ctx, actionId) {
  const version = ctx.deps.history.definitionAt("action", actionId);
  const tags = version ? version.value.tags ?? [] : [];
  if (!decideAccess(ctx.principal, { kind: "execute", action: { id: actionId, tags } })) {
    throw new OpsledgerError("PERMISSION_DENIED", `your roles do not let you run "${actionId}"`, {
      hint: "actions:execute applies within the scope of your role (definitions/roles/); ask an admin."
    });
  }
  return version;
}
function externalInput(ctx, body, version) {
  const started = Date.parse(body.started_at);
  const running = body.status === "running";
  let finished = null;
  if (!running) {
    if (body.finished_at !== void 0) finished = Date.parse(body.finished_at);
    else if (body.duration_ms !== void 0) finished = started + body.duration_ms;
    else
      throw new OpsledgerError(
        "INPUT_INVALID",
        `a ${body.status} execution needs finished_at or duration_ms`
      );
  }
  if (finished !== null && finished < started) {
    throw new OpsledgerError("INPUT_INVALID", "finished_at is before started_at");
  }
  if (running && (body.finished_at !== void 0 || body.exit_code !== void 0)) {
    throw new OpsledgerError("INPUT_INVALID", "a running execution has no finished_at or exit_code");
  }
  const action = version?.value;
  const nameProblems = parameterNameProblems(action?.parameters ?? [], Object.keys(body.parameters ?? {}), {
    anyName: version === null
  });
  if (nameProblems.length > 0) throw new OpsledgerError("PARAM_INVALID", nameProblems.join("; "));
  rejectControlCharacters(body.parameters ?? {});
  const secrets = listSecretValues(action?.parameters ?? [], body.parameters ?? {});
  return {
    id: ctx.deps.newExecutionId(new Date(started)),
    action_id: body.action_id,
    definition: version ? {
      commit: version.commit,
      blob: version.blob,
      path: version.path,
      version: version.version,
      status: action?.status ?? null,
      dirty: false
    } : { commit: null, blob: null, path: null, version: null, status: null, dirty: false },
    trigger: body.trigger ?? "external",
    initiator: { user: ctx.principal?.email ?? "", via: "api" },
    targets: body.targets ?? [],
    parameters: ctx.deps.redactParameters(action?.parameters ?? [], body.parameters ?? {}),
    started_at: new Date(started).toISOString(),
    finished_at: finished === null ? null : new Date(finished).toISOString(),
    duration_ms: finished === null ? null : body.duration_ms ?? finished - started,
    status: body.status,
    exit_code: body.exit_code ?? null,
    ...body.error !== void 0 ? { error: scrubText(body.error, secrets) } : {}
  };
}
var RECORD_EXECUTION = {
  method: "post",
  path: "/executions",
  operationId: "recordExecution",
  permission: "actions:execute",
  tag: "executions",
  summary: "Record a run done elsewhere",
  description: "Appends the run to the journal as initiated by you (trigger `external` unless given), pinned to the action at the tip of the branch (null definition fields when the action is unknown there). Needs `actions:execute` within your role's scope for that action. Secret parameters are redacted before anything is written. Answers 201 once the record is durable; 503 when the journal cannot take it.",
  headers: IDEMPOTENCY_KEY2,
  body: { schema: ref("ExternalExecution"), description: "The run." },
  accessLog: false,
  responses: {
    201: {
      description: "Recorded (or replayed for a repeated Idempotency-Key).",
      schema: ref("ExecutionRecord"),
      headers: {
        Location: { description: "The URL of the run.", schema: { type: "string" } },
        "Idempotent-Replayed": {
          description: "`true` when this answers a retry.",
          schema: { type: "string" }
        }
      }
    },
    409: { description: "Idempotency-Key reused with another body.", schema: ref("Error") },
    503: { description: "The journal cannot take the record.", schema: ref("Error") }
  },
  async handle(ctx) {
    const body = ctx.body;
    const key = idempotencyKeyOf(ctx.headers, false);
    const outcome = await idempotent(
      ctx.deps.idempotency,
      { scope: ctx.key?.id ?? "", key, route: "POST /executions", body, now: ctx.deps.now() },
      async () => {
        const version = executableAction(ctx, body.action_id);
        const record2 = await ctx.deps.journal.append(externalInput(ctx, body, version));
        return { status: 201, executionId: record2.id };
      }
    );
    const record = await ctx.deps.journal.get(outcome.executionId);
    if (!record) throw new OpsledgerError("INTERNAL", `recorded execution ${outcome.executionId} is missing`);
    return {
      status: outcome.status,
      body: present(ctx, record),
      headers: {
        Location: `${API_BASE}/executions/${encodeURIComponent(record.id)}`,
        ...outcome.replayed ? { "Idempotent-Replayed": "true" } : {}
      }
    };
  }
};
var RUN_ACTION = {
  method: "post",
  path: "/actions/{id}/executions",
  operationId: "runAction",
  permission: "actions:execute",
  tag: "executions",
  summary: "Run an action as yourself (self-service)",
  description: "Runs the action as it is at the tip of the branch, through the same recorder as `opsledger run` (trigger `api`, initiator you). Answers 202 once the `running` record is durable; follow `links.self` for the outcome. Fail-closed: when the journal cannot take the record nothing runs and the answer is 503.",
  params: { id: ID_PARAM },
  headers: IDEMPOTENCY_KEY2,
  body: { schema: ref("RunRequest"), description: "Parameters (by name) and targets.", optional: true },
  responses: {
    202: { description: "Started.", schema: ref("RunAccepted") },
    409: { description: "The action is not released, or an Idempotency-Key conflict.", schema: ref("Error") },
    503: { description: "The journal cannot take a record; nothing was run.", schema: ref("Error") }
  },
  async handle(ctx) {
    const actionId = ctx.params.id;
    const body = ctx.body ?? {};
    const key = idempotencyKeyOf(ctx.headers, false);
    const outcome = await idempotent(
      ctx.deps.idempotency,
      {
        scope: ctx.key?.id ?? "",
        key,
        route: `POST /actions/${actionId}/executions`,
        body,
        now: ctx.deps.now()
      },
      async () => {
        const version = executableAction(ctx, actionId);
        if (!version) {
          throw new OpsledgerError(
            "DEFINITION_NOT_FOUND",
            `no action "${actionId}" at the tip of the branch`
          );
        }
        const secrets = listSecretValues(version.value.parameters ?? [], body.parameters ?? {});
        const { record, done } = await ctx.deps.startRun({
          actionId,
          params: body.parameters ?? {},
          targets: body.targets ?? [],
          user: ctx.principal?.email ?? "",
          trigger: "api"
        }).catch((err) => {
          throw scrubError(err, secrets);
        });
        const tracked = done.catch((err) => {
          ctx.deps.logger.error(
            { err: scrubError(err, secrets), execution: record.id },
            "run failed to finish"
          );
        });
        ctx.deps.inflightRuns.add(tracked);
        void tracked.finally(() => ctx.deps.inflightRuns.delete(tracked));
        return { status: 202, executionId: record.id };
      }
    );
    return {
      status: outcome.status,
      body: {
        id: outcome.executionId,
        status: "running",
        links: { self: `${API_BASE}/executions/${encodeURIComponent(outcome.executionId)}` }
      },
      headers: {
        Location: `${API_BASE}/executions/${encodeURIComponent(outcome.executionId)}`,
        ...outcome.replayed ? { "Idempotent-Replayed": "true" } : {}
      }
    };
  }
};
var RUN_ROUTES = [RECORD_EXECUTION, RUN_ACTION];

// src/server/routes/runbook-run-schemas.ts
var RUN_ID = {
  schema: { type: "string", pattern: "^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$" },
  description: "Runbook run id.",
  required: true
};
var STEP_ID = { schema: ID_PARAM.schema, description: "Step id.", required: true };
var RUNBOOK_RUN = {
  type: "object",
  description: "The latest `runbook_run` record (docs/runbooks.md): the fields of an execution record plus `steps`.",
  required: ["id", "kind", "action_id", "status", "steps"],
  properties: {
    id: { type: "string" },
    kind: { const: "runbook_run" },
    action_id: { type: "string", description: "The runbook id." },
    status: {
      enum: [
        "running",
        "waiting",
        "succeeded",
        "failed",
        "cancelled",
        "abandoned",
        "denied",
        "missed",
        "skipped"
      ],
      description: "`missed` and `skipped`: a scheduled firing that did not run (docs/schedules.md)."
    },
    pinned_commit: { type: "string" },
    steps: { type: "array", items: ref("RunbookStepState") },
    step_executions: { type: "array", items: ref("ExecutionRecord") }
  }
};

// src/server/routes/visible-runbook-run.ts
async function visibleRun(ctx, id) {
  const record = await ctx.deps.journal.get(id);
  const initiator = record ? ctx.deps.journal.resolveUser(record.initiator.user) : "";
  if (!record || record.kind !== "runbook_run" || !decideAccess(ctx.principal, { kind: "read-execution", initiator })) {
    throw new OpsledgerError("NOT_FOUND", `no runbook run "${id}"`, {
      hint: "List the runbook runs you can see with GET /api/v1/runbook_runs."
    });
  }
  return record;
}
function presentRun(ctx, record) {
  const resolve = (u) => ctx.deps.journal.resolveUser(u);
  return {
    ...presentExecution(record, resolve),
    steps: (record.steps ?? []).map(
      (s) => s.decided_by ? { ...s, decided_by: { ...s.decided_by, user: resolve(s.decided_by.user) } } : s
    ),
    ...record.cancel_requested ? { cancel_requested: { ...record.cancel_requested, user: resolve(record.cancel_requested.user) } } : {}
  };
}
function runbookJournal(ctx) {
  const journal = ctx.deps.journal;
  if (typeof journal.appendIf !== "function") {
    throw new OpsledgerError("JOURNAL_UNAVAILABLE", "this journal cannot record runbook decisions");
  }
  return journal;
}

// src/server/routes/runbook-cancel-route.ts
var CANCEL_RUNBOOK_RUN = {
  method: "post",
  path: "/runbook_runs/{id}/cancel",
  operationId: "cancelRunbookRun",
  permission: "actions:execute",
  tag: "executions",
  summary: "Cancel a running or waiting runbook run",
  description: "Records a cancel request (who and when) on the run; its recorder ends the running step\u2019s process group and records the run `cancelled`, the steps not run `skipped`. Only the run\u2019s initiator or an `admin` may cancel (403 otherwise); a run the caller cannot see is a 404; 409 when the run has already ended.",
  params: { id: RUN_ID },
  responses: {
    202: {
      description: "Cancel requested; the run as recorded with `cancel_requested`.",
      schema: RUNBOOK_RUN
    },
    409: { description: "The run has already ended.", schema: ref("Error") }
  },
  async handle(ctx) {
    await ctx.deps.journal.refresh();
    const run = await visibleRun(ctx, ctx.params.id);
    const initiator = ctx.deps.journal.resolveUser(run.initiator.user);
    if (!decideAccess(ctx.principal, { kind: "cancel-run", initiator })) {
      throw new OpsledgerError(
        "PERMISSION_DENIED",
        `only the initiator of runbook run ${run.id} or an admin may cancel it`,
        { hint: "Ask the person who started the run, or an admin, to cancel it." }
      );
    }
    const record = await requestCancel({
      journal: runbookJournal(ctx),
      runId: run.id,
      user: ctx.principal?.email ?? "",
      now: ctx.deps.now
    });
    return { status: 202, body: presentRun(ctx, record) };
  }
};

// src/server/routes/runbook-confirm-route.ts
var CONFIRM_STEP = {
  method: "post",
  path: "/runbook_runs/{id}/steps/{step}/confirm",
  operationId: "confirmRunbookStep",
  permission: "actions:execute",
  tag: "executions",
  summary: "Confirm (or reject) the manual step a runbook run waits for",
  description: 'Only someone allowed to run the step\u2019s action (`actions:execute` within their role\u2019s scope, roles at the run\u2019s pinned commit) may decide; who did is recorded. `{"decision": "reject"}` ends the run `cancelled`. 409 when the run is not waiting for that step (already decided, ended).',
  params: { id: RUN_ID, step: STEP_ID },
  body: {
    schema: {
      type: "object",
      additionalProperties: false,
      properties: {
        decision: { enum: ["confirm", "reject"], default: "confirm" },
        reason: { type: "string", maxLength: 500 }
      }
    },
    description: "The decision (default confirm) and why.",
    optional: true
  },
  responses: {
    200: { description: "Recorded; the run goes on.", schema: RUNBOOK_RUN },
    409: { description: "The run is not waiting for this step.", schema: ref("Error") }
  },
  async handle(ctx) {
    const body = ctx.body ?? {};
    await visibleRunForDecision(ctx);
    const record = await decideStep({
      journal: runbookJournal(ctx),
      history: ctx.deps.history,
      runId: ctx.params.id,
      stepId: ctx.params.step,
      user: ctx.principal?.email ?? "",
      decision: body.decision ?? "confirm",
      access: "always",
      now: ctx.deps.now,
      ...body.reason ? { reason: body.reason } : {}
    });
    return { body: presentRun(ctx, record) };
  }
};
async function visibleRunForDecision(ctx) {
  const record = await ctx.deps.journal.get(ctx.params.id);
  if (!record || record.kind !== "runbook_run") await visibleRun(ctx, ctx.params.id);
}

// src/server/routes/schedule-routes.ts
var LIST_SCHEDULES = {
  method: "get",
  path: "/schedules",
  operationId: "listSchedules",
  permission: "definitions:read",
  tag: "definitions",
  summary: "Scheduled actions and runbooks, with their next and last firings",
  description: "The schedules on the tip of the tracked branch (docs/schedules.md).",
  query: {
    count: {
      schema: { type: "integer", minimum: 1, maximum: 100, default: 3 },
      description: "Next fire times."
    }
  },
  responses: {
    200: {
      description: "The schedules.",
      schema: {
        type: "object",
        required: ["data"],
        properties: { data: { type: "array", items: ref("ScheduleEntry") } }
      }
    }
  },
  async handle(ctx) {
    const tip = ctx.deps.history.tip();
    const entries = tip ? listSchedules(
      [
        ...ctx.deps.history.definitionsAt("action", tip),
        ...ctx.deps.history.definitionsAt("runbook", tip)
      ],
      ctx.deps.now(),
      ctx.query.count ?? 3
    ) : [];
    await ctx.deps.journal.refresh();
    const data = [];
    for (const e of entries) {
      const recent = await ctx.deps.journal.query({ action: e.id, trigger: "schedule", limit: 1 });
      const last = recent.find((r) => r.planned_at !== void 0);
      data.push({
        ...e,
        last: last ? { id: last.id, planned_at: last.planned_at, started_at: last.started_at, status: last.status } : null
      });
    }
    return { body: { data }, count: data.length };
  }
};

// src/server/routes/runbook-routes.ts
var START_RUNBOOK_RUN = {
  method: "post",
  path: "/runbooks/{id}/runs",
  operationId: "runRunbook",
  permission: "actions:execute",
  tag: "executions",
  summary: "Run a runbook as yourself",
  description: "Runs the runbook as it is at the tip of the branch, every step pinned to that commit (docs/runbooks.md). Needs `actions:execute` on every action it calls, judged by the roles at that commit: otherwise a `denied` record is written, nothing runs and the answer is 403. Answers 202 once the `running` record is durable.",
  params: { id: ID_PARAM },
  body: {
    schema: {
      type: "object",
      additionalProperties: false,
      properties: {
        parameters: {
          type: "object",
          additionalProperties: { type: ["string", "number", "integer", "boolean"] }
        },
        targets: { type: "array", items: { type: "string" }, maxItems: 100 }
      }
    },
    description: "Runbook parameters (by name) and targets for steps that name none.",
    optional: true
  },
  responses: {
    202: { description: "Started.", schema: { ...ref("RunAccepted") } },
    409: { description: "The runbook or an action is not released.", schema: ref("Error") },
    503: { description: "The journal cannot take a record; nothing was run.", schema: ref("Error") }
  },
  async handle(ctx) {
    const start = ctx.deps.startRunbookRun;
    if (!start) throw new OpsledgerError("JOURNAL_UNAVAILABLE", "this server does not run runbooks");
    const body = ctx.body ?? {};
    const { record, done } = await start({
      runbookId: ctx.params.id,
      params: body.parameters ?? {},
      targets: body.targets ?? [],
      user: ctx.principal?.email ?? "",
      trigger: "api"
    });
    const tracked = done.catch(
      (err) => ctx.deps.logger.error({ err, runbook_run: record.id }, "runbook run failed to finish")
    );
    ctx.deps.inflightRuns.add(tracked);
    void tracked.finally(() => ctx.deps.inflightRuns.delete(tracked));
    const self = `${API_BASE}/runbook_runs/${encodeURIComponent(record.id)}`;
    return {
      status: 202,
      body: { id: record.id, status: "running", links: { self } },
      headers: { Location: self }
    };
  }
};
var LIST_RUNBOOK_RUNS = {
  method: "get",
  path: "/runbook_runs",
  operationId: "listRunbookRuns",
  permission: "executions:read",
  tag: "executions",
  summary: "Runbook runs, newest first",
  description: "With only `executions:read:own`, only the runs you started. `next_cursor` is always null (one page).",
  query: {
    runbook: { schema: ID_PARAM.schema, description: "Only runs of this runbook." },
    limit: {
      schema: { type: "integer", minimum: 1, maximum: 500, default: 100 },
      description: "At most this many."
    }
  },
  accessLog: true,
  responses: {
    200: {
      description: "The runs.",
      schema: {
        type: "object",
        required: ["data", "next_cursor"],
        properties: { data: { type: "array", items: RUNBOOK_RUN }, next_cursor: { type: "null" } }
      }
    }
  },
  async handle(ctx) {
    await ctx.deps.journal.refresh();
    const visibility = executionVisibility(ctx.principal);
    const limit = ctx.query.limit ?? 100;
    const runbook = ctx.query.runbook;
    const runs = (await ctx.deps.journal.query({
      ...runbook ? { action: runbook } : {},
      limit: Number.MAX_SAFE_INTEGER
    })).filter((r) => r.kind === "runbook_run").filter(
      (r) => visibility === "all" || visibility === "own" && decideAccess(ctx.principal, {
        kind: "read-execution",
        initiator: ctx.deps.journal.resolveUser(r.initiator.user)
      })
    ).slice(0, limit);
    return { body: { data: runs.map((r) => presentRun(ctx, r)), next_cursor: null }, count: runs.length };
  }
};
var GET_RUNBOOK_RUN = {
  method: "get",
  path: "/runbook_runs/{id}",
  operationId: "getRunbookRun",
  permission: "executions:read",
  tag: "executions",
  summary: "One runbook run, with the execution records of its steps",
  params: { id: RUN_ID },
  accessLog: true,
  responses: { 200: { description: "The run.", schema: RUNBOOK_RUN } },
  async handle(ctx) {
    await ctx.deps.journal.refresh();
    const run = await visibleRun(ctx, ctx.params.id);
    const steps = await Promise.all(
      (run.steps ?? []).flatMap((s) => s.executions).map((id) => ctx.deps.journal.get(id))
    );
    const executions = steps.filter((r) => r !== null).map((r) => presentExecution(r, (u) => ctx.deps.journal.resolveUser(u)));
    return { body: { ...presentRun(ctx, run), step_executions: executions }, count: 1 };
  }
};
var RUNBOOK_ROUTES = [
  START_RUNBOOK_RUN,
  LIST_RUNBOOK_RUNS,
  GET_RUNBOOK_RUN,
  CONFIRM_STEP,
  LIST_SCHEDULES
];

// src/server/routes/webhook-routes.ts
var DELIVERY = {
  type: "object",
  required: [
    "delivery_id",
    "webhook",
    "event_id",
    "type",
    "status",
    "attempts",
    "response_code",
    "latency_ms",
    "at"
  ],
  properties: {
    delivery_id: { type: "string", pattern: "^dlv_[0-9a-f]{16}$" },
    webhook: { type: "string" },
    event_id: { type: "string", description: "The `webhook-id` receivers saw." },
    type: { type: "string" },
    offset: { type: "integer" },
    status: { enum: [...DELIVERY_STATUSES] },
    attempts: { type: "integer" },
    response_code: { type: ["integer", "null"] },
    latency_ms: { type: "number" },
    error: { type: "string" },
    at: { type: "string", format: "date-time" },
    next_attempt_at: { type: "string", format: "date-time" }
  }
};
var WEBHOOK_ROUTES = [
  {
    method: "get",
    path: "/webhooks/deliveries",
    operationId: "listWebhookDeliveries",
    permission: "admin",
    tag: "admin",
    summary: "Outgoing webhook deliveries, newest first: status, attempts, last response code, latency",
    description: "Secrets and receiver answers are never included. See docs/alerts.md.",
    query: {
      ...LIST_QUERY,
      webhook: {
        schema: { type: "string", pattern: DEFINITION_ID_PATTERN },
        description: "Only this webhook."
      },
      status: {
        schema: { enum: [...DELIVERY_STATUSES] },
        description: "Only this status."
      }
    },
    responses: { 200: { description: "One page of deliveries.", schema: listOf(DELIVERY) } },
    async handle(ctx) {
      const q = ctx.query;
      const start = q.cursor ? decodeCursor(q.cursor, ["number"])[0] : 0;
      const all = (await ctx.deps.webhookDeliveries?.() ?? []).filter((d) => q.webhook === void 0 || d.webhook === q.webhook).filter((d) => q.status === void 0 || d.status === q.status);
      const page = all.slice(start, start + q.limit);
      const more = start + q.limit < all.length;
      return {
        body: { data: page, next_cursor: more ? encodeCursor([start + q.limit]) : null },
        count: page.length
      };
    }
  }
];

// src/server/route-table.ts
function allRoutes(document) {
  return [
    ...metaRoutes(document),
    ...DEFINITION_ROUTES,
    ...AUDIT_ROUTES,
    ...EXECUTION_ROUTES,
    ...RUN_ROUTES,
    ...RECORDING_ROUTES,
    ...JOURNAL_ROUTES,
    ...RUNBOOK_ROUTES,
    CANCEL_RUNBOOK_RUN,
    ...WEBHOOK_ROUTES,
    ...GITHUB_ROUTES,
    ...REVERT_ROUTES,
    ...ADMIN_ROUTES,
    ...REPORT_ROUTES
  ];
}
function routeTable() {
  const holder = { doc: null };
  const routes = allRoutes(() => holder.doc);
  for (const r of routes) {
    if (!ROUTE_PERMISSIONS.includes(r.permission)) {
      throw new OpsledgerError("INTERNAL", `route ${r.method} ${fullPath(r)} declares no valid permission`);
    }
  }
  holder.doc = buildOpenApi(routes, PACKAGE_VERSION);
  return { routes, doc: holder.doc };
}

// src/server/create-app.ts
function createApp(deps, options = {}) {
  const { routes, doc } = routeTable();
  const compileCoercing = createSchemaCompiler(doc, { coerce: true });
  const compileStrict = createSchemaCompiler(doc, { coerce: false });
  const app = express2();
  app.disable("x-powered-by");
  app.set("etag", false);
  app.set("query parser", "simple");
  app.set("trust proxy", parseTrustProxy(deps.config.server.trust_proxy, "server.trust_proxy"));
  app.use(requestLog(deps.logger));
  app.use(securityHeaders());
  app.use(rejectControlCharacters2);
  const checkKey = authenticate(deps);
  const keyLimiter = createKeyLimiter(deps.limits, (res) => localsOf(res).key, deps.rateLimitStore);
  const recordAccess = createAccessRecorder(deps);
  const body = jsonBody(deps.limits.bodyBytes);
  const router = express2.Router();
  const fastRoutes = [];
  for (const spec of routes) {
    const validator2 = compileRequestValidator(spec, compileCoercing, compileStrict);
    router[spec.method](
      expressPath(spec),
      (_req, res, next) => {
        localsOf(res).spec = spec;
        next();
      },
      ...spec.permission === "public" ? [] : [checkKey, keyLimiter],
      requirePermission(spec.permission),
      ...spec.body ? spec.body.maxBytes ? jsonBody(spec.body.maxBytes) : body : [],
      handleRoute(spec, validator2, deps, recordAccess)
    );
    if (spec.fastLane) fastRoutes.push({ spec, validator: validator2 });
  }
  app.use(router);
  app.use(routeNotFound(routes));
  const handleError = handleErrors(deps.logger, recordAccess);
  app.use(handleError);
  if (options.fastLane !== false && fastRoutes.length > 0) {
    const fast = createFastLane(fastRoutes, {
      app,
      deps,
      logger: deps.logger,
      checkKey,
      keyLimiter,
      recordAccess,
      handleError
    });
    const routed = app;
    const handle = routed.handle.bind(app);
    routed.handle = (req, res, next) => {
      if (next !== void 0 || !fast(req, res, () => handle(req, res))) handle(req, res, next);
    };
  }
  return app;
}

// src/server/open-server-deps.ts
import { hostname as hostname2 } from "node:os";

// src/access/roles-at-tip.ts
function rolesAtTip(history) {
  let cachedTip;
  let cached = [];
  const load = () => {
    const tip = history.tip();
    if (tip !== cachedTip) {
      cached = tip === null ? [] : history.definitionsAt("role", tip).map((v) => v.value);
      cachedTip = tip;
    }
    return cached;
  };
  return { roles: load, commit: () => history.tip() };
}

// src/alerts/compute-backoff.ts
var DEFAULT_BACKOFF = { baseMs: 4e3, factor: 5, maxMs: 18 * 36e5 };
function computeBackoff(attempts, policy, random, retryAfterMs) {
  const exp = policy.baseMs * policy.factor ** Math.max(0, attempts - 1);
  const jittered = Math.min(policy.maxMs, exp) * (0.8 + 0.4 * random);
  return Math.round(Math.min(policy.maxMs, Math.max(jittered, retryAfterMs ?? 0)));
}
function parseRetryAfter(value, now) {
  if (value === null || value.trim() === "") return null;
  const text = value.trim();
  if (/^\d{1,10}$/.test(text)) return Number(text) * 1e3;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

// src/alerts/delivery-worker.ts
var BATCH = 200;
var CHECKPOINT_EVERY = 100;
function createDeliveryWorker(options) {
  const now = options.now ?? (() => /* @__PURE__ */ new Date());
  const random = options.random ?? Math.random;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const pollMs = options.pollMs ?? 1e3;
  const doFetch = options.fetch ?? fetch;
  const store = options.store ?? fileDeliveryState(options.dataDir);
  let stopping = false;
  const inflight2 = /* @__PURE__ */ new Set();
  let loop = null;
  let wakeUp = null;
  let woken = false;
  async function runOnce() {
    const dues = await Promise.all(options.webhooks.map((webhook) => drainWebhook(webhook)));
    return dues.reduce(
      (due, next) => next === null ? due : due === null ? next : Math.min(due, next),
      null
    );
  }
  async function drainWebhook(webhook) {
    const release = await store.tryLock(webhook.id);
    if (!release) return null;
    const log = [];
    let state = await store.read(webhook.id);
    let unsaved = 0;
    const checkpoint = async () => {
      await store.append(log.splice(0));
      await store.write(webhook.id, state);
      unsaved = 0;
    };
    try {
      if (state.disabled) return null;
      let batch = [];
      for (; ; ) {
        if (stopping) return null;
        const head = await nextHead(webhook, state, batch);
        if (head.entry === null) {
          if (head.state.cursor !== state.cursor) unsaved++;
          state = head.state;
          return null;
        }
        state = head.state;
        batch = head.batch;
        const entry = head.entry;
        const pending = state.pending?.offset === entry.offset ? state.pending : null;
        if (pending && Date.parse(pending.next_attempt_at) > now().getTime()) {
          return Date.parse(pending.next_attempt_at);
        }
        const attempt = await attemptDelivery(webhook, entry.event);
        if (attempt === "aborted") return null;
        const attempts = (pending?.attempts ?? 0) + 1;
        const base = {
          delivery_id: deliveryId(webhook.id, entry.event.id),
          webhook: webhook.id,
          event_id: entry.event.id,
          type: entry.event.type,
          offset: entry.offset,
          attempts,
          response_code: attempt.code,
          latency_ms: attempt.latencyMs,
          at: now().toISOString(),
          ...attempt.error ? { error: attempt.error } : {}
        };
        if (attempt.code !== null && attempt.code >= 200 && attempt.code < 300) {
          log.push({ ...base, status: "delivered" });
          state = advance(state, entry);
          if (++unsaved >= CHECKPOINT_EVERY) await checkpoint();
          continue;
        }
        if (attempt.code === 410) {
          state = { ...state, disabled: { at: base.at, reason: "the receiver answered 410 Gone" } };
          log.push({ ...base, status: "disabled" });
          options.logger.warn(
            `webhook ${webhook.id}: the receiver answered 410 Gone, so the webhook is disabled; \`opsledger webhooks retry ${base.delivery_id}\` enables it again`
          );
          await checkpoint();
          return null;
        }
        if (attempts >= webhook.max_attempts) {
          log.push({ ...base, status: "dead" });
          options.logger.warn(
            `webhook ${webhook.id}: delivery ${base.delivery_id} (${entry.event.type}) failed ${attempts} times and moved to the dead letter; \`opsledger webhooks retry ${base.delivery_id}\` sends it again`
          );
          state = advance(state, entry);
          await checkpoint();
          continue;
        }
        const delay = computeBackoff(attempts, backoff, random(), attempt.retryAfterMs);
        const nextAt = new Date(now().getTime() + delay).toISOString();
        log.push({ ...base, status: "retrying", next_attempt_at: nextAt });
        state = {
          ...state,
          pending: {
            offset: entry.offset,
            attempts,
            first_attempt_at: pending?.first_attempt_at ?? base.at,
            next_attempt_at: nextAt
          }
        };
        await checkpoint();
        return Date.parse(nextAt);
      }
    } finally {
      try {
        if (log.length > 0 || unsaved > 0) await checkpoint();
      } finally {
        await release();
      }
    }
  }
  async function nextHead(webhook, state, batch) {
    while (state.retries.length > 0) {
      const entry = await options.outbox.at(state.retries[0]);
      if (entry) return { entry, state, batch };
      state = { ...state, retries: state.retries.slice(1) };
    }
    for (; ; ) {
      while (batch.length > 0 && batch[0].offset < state.cursor) batch = batch.slice(1);
      if (batch.length === 0) batch = await options.outbox.lines(state.cursor, BATCH);
      if (batch.length === 0) return { entry: null, state, batch };
      const entry = batch[0];
      if (entry.event !== null && matchWebhook(webhook, entry.event))
        return { entry: { ...entry, event: entry.event }, state, batch };
      state = { ...state, cursor: entry.end };
    }
  }
  function advance(state, entry) {
    if (state.retries[0] === entry.offset)
      return { ...state, retries: state.retries.slice(1), pending: null };
    return { ...state, cursor: entry.end, pending: null };
  }
  async function attemptDelivery(webhook, event) {
    const secret = webhook.secret_env === void 0 ? void 0 : options.env[webhook.secret_env];
    if (webhook.secret_env !== void 0 && !secret) {
      return { code: null, latencyMs: 0, retryAfterMs: null, error: `${webhook.secret_env} is not set` };
    }
    const request = renderDelivery(webhook, event, secret, /* @__PURE__ */ new Date());
    const controller = new AbortController();
    inflight2.add(controller);
    const timer = setTimeout(() => controller.abort("timeout"), options.timeoutMs ?? 1e4);
    const started = performance.now();
    try {
      const response = await doFetch(webhook.url, {
        method: "POST",
        body: request.body,
        headers: request.headers,
        signal: controller.signal,
        redirect: "manual"
      });
      await response.arrayBuffer().catch(() => void 0);
      return {
        code: response.status,
        latencyMs: Math.round((performance.now() - started) * 100) / 100,
        retryAfterMs: parseRetryAfter(response.headers.get("retry-after"), now())
      };
    } catch (err) {
      if (stopping) return "aborted";
      const cause = err.cause?.code;
      return {
        code: null,
        latencyMs: Math.round((performance.now() - started) * 100) / 100,
        retryAfterMs: null,
        error: controller.signal.aborted ? "timed out" : cause ?? err.message
      };
    } finally {
      clearTimeout(timer);
      inflight2.delete(controller);
    }
  }
  async function run() {
    while (!stopping) {
      let due = null;
      try {
        due = await runOnce();
      } catch (err) {
        options.logger.warn(`webhook delivery pass failed: ${err.message}`);
      }
      if (stopping || woken) {
        woken = false;
        continue;
      }
      const wait = due === null ? pollMs : Math.max(0, Math.min(pollMs, due - now().getTime()));
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, wait);
        wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wakeUp = null;
      woken = false;
    }
  }
  return {
    start() {
      if (loop || options.webhooks.length === 0) return;
      stopping = false;
      loop = run();
    },
    async stop() {
      stopping = true;
      for (const controller of inflight2) controller.abort("stopping");
      wakeUp?.();
      await loop;
      loop = null;
    },
    wake() {
      woken = true;
      wakeUp?.();
    },
    runOnce
  };
}

// src/history/record-upstream-rewrite.ts
async function recordUpstreamRewrite(options) {
  const historyDir = historyDirOf(options.dataDir);
  const release = await lockRefresh(historyDir);
  try {
    const meta = readMeta(historyDir);
    if (!meta) return null;
    return recordRewrite(historyDir, {
      previous: meta,
      branch: options.branch,
      definitionsDir: meta.definitionsDir,
      chain: options.chain,
      now: options.now
    });
  } finally {
    release();
  }
}

// src/github/coalesce-runs.ts
function coalesceRuns(fn) {
  let running = null;
  let next = null;
  const start = () => {
    const run = fn().finally(() => {
      if (running === run) running = null;
    });
    running = run;
    return run;
  };
  return () => {
    if (!running) return start();
    next ??= running.catch(() => void 0).then(() => {
      next = null;
      return start();
    });
    return next;
  };
}

// src/github/follow-tracked-branch.ts
var PUSHED_REF_PREFIX = `${FETCH_REF_PREFIX}/pushed`;
async function branchContains(repo, branch, commit) {
  const tip = await readBranchTip(repo, branch);
  if (tip === null) return false;
  if (tip === commit) return true;
  return (await runGitRaw(repo, ["merge-base", "--is-ancestor", commit, tip])).code === 0;
}
async function isAncestor(repo, older, newer) {
  const res = await runGitRaw(repo, ["merge-base", "--is-ancestor", older, newer]);
  if (res.code > 1) throw new OpsledgerError("GIT_FAILED", `git merge-base failed: ${res.stderr.trim()}`);
  return res.code === 0;
}
async function followTrackedBranch(repo, remote, branch) {
  const ref2 = `${PUSHED_REF_PREFIX}/${branch}`;
  await fetchRefs(repo, remote, [`+refs/heads/${branch}:${ref2}`]);
  const fetched = (await runGit(repo, ["rev-parse", "--verify", `${ref2}^{commit}`])).trim();
  const from = await readBranchTip(repo, branch);
  if (from === fetched) return { kind: "up-to-date", from, fetched };
  if (from !== null && !await isAncestor(repo, from, fetched)) {
    return { kind: await isAncestor(repo, fetched, from) ? "ahead" : "diverged", from, fetched };
  }
  const head = await runGitRaw(repo, ["symbolic-ref", "-q", "HEAD"]);
  if (head.code === 0 && head.stdout.trim() === `refs/heads/${branch}`) {
    await runGit(repo, ["merge", "--ff-only", "--quiet", fetched]);
  } else {
    await runGit(repo, [
      "update-ref",
      "-m",
      "opsledger: push webhook",
      `refs/heads/${branch}`,
      fetched,
      from ?? ""
    ]);
  }
  return { kind: "fast-forward", from, fetched };
}
async function firstParentChain(repo, commit) {
  const out = await runGit(repo, ["rev-list", "--first-parent", "--reverse", commit]);
  return out.split("\n").filter((l) => l.length > 0).map((sha) => ({ sha }));
}

// src/github/create-push-follower.ts
function createPushFollower(options) {
  const { repo, branch } = options;
  const sync = coalesceRuns(async () => {
    const move = await followTrackedBranch(repo, options.remote, branch);
    let note;
    switch (move.kind) {
      case "fast-forward":
        note = `${branch} fast-forwarded ${move.from?.slice(0, 12) ?? "(new)"}..${move.fetched.slice(0, 12)}`;
        break;
      case "diverged": {
        const chain = await firstParentChain(repo, move.fetched);
        await recordUpstreamRewrite({ dataDir: options.dataDir, branch, chain, now: options.now });
        note = `${branch} on ${options.remote} (${move.fetched.slice(0, 12)}) does not contain the clone's ${move.from?.slice(0, 12) ?? ""}: a rewrite, not followed; recorded as history.rewritten`;
        options.log.warn(`push: ${note}`);
        break;
      }
      case "ahead":
        note = `the clone's ${branch} is ahead of ${options.remote}; nothing to move`;
        break;
      case "up-to-date":
        note = `${branch} is up to date`;
    }
    const stats = await options.refresh();
    return `${note}; history at ${stats.tip?.slice(0, 12) ?? "(empty)"} (${stats.newCommits} new commit(s))`;
  });
  return async (after) => {
    if (await branchContains(repo, branch, after)) return `${after.slice(0, 12)} is on ${branch} already`;
    return sync();
  };
}

// src/github/open-github-app.ts
import { Webhooks } from "@octokit/webhooks";

// src/github/github-worker.ts
function createGithubWorker(options) {
  const { queue, log } = options;
  const pollMs = options.pollMs ?? 5e3;
  const maxAttempts = options.maxAttempts ?? 6;
  const attempts = /* @__PURE__ */ new Map();
  let timer = null;
  let running = null;
  let again = false;
  let stopped = true;
  const idleWaiters = [];
  const runOnce = async () => {
    let didWork = false;
    for (const job of await queue.pending()) {
      if (stopped) return didWork;
      const tried = attempts.get(job.file);
      if (tried && tried.notBefore > Date.now()) continue;
      didWork = true;
      try {
        const note = await options.handle(job);
        log.info(`github ${job.event} ${job.delivery}: ${note}`);
        attempts.delete(job.file);
        await queue.complete(job, { failed: false, note, at: options.now() });
      } catch (err) {
        const count = (tried?.count ?? 0) + 1;
        const message = err.message;
        if (count >= maxAttempts) {
          log.warn(`github ${job.event} ${job.delivery}: given up after ${count} attempts: ${message}`);
          attempts.delete(job.file);
          await queue.complete(job, { failed: true, note: message, at: options.now() });
        } else {
          log.warn(`github ${job.event} ${job.delivery}: attempt ${count} failed, retrying: ${message}`);
          attempts.set(job.file, { count, notBefore: Date.now() + pollMs * 2 ** (count - 1) });
        }
      }
    }
    return didWork;
  };
  const settleIdle = async () => {
    const waiting = (await queue.pending()).length;
    if (waiting === 0 && !again) idleWaiters.splice(0).forEach((r) => r());
  };
  const kick = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        await runOnce().catch((err) => log.warn(`github queue: ${err.message}`));
      } while (again && !stopped);
      await settleIdle().catch(() => {
      });
    })().finally(() => running = null);
  };
  return {
    name: "github deliveries",
    start() {
      stopped = false;
      timer = setInterval(kick, pollMs);
      timer.unref();
      kick();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
    wake: kick,
    idle: () => new Promise((resolve) => {
      idleWaiters.push(resolve);
      kick();
    })
  };
}

// src/review/evaluate-approvals.ts
function evaluateApprovals(report, reviews, prAuthors) {
  const emailOfLogin = /* @__PURE__ */ new Map();
  for (const approver of report.approvals.approvers) {
    for (const login of approver.logins) emailOfLogin.set(login.toLowerCase(), approver.email);
  }
  const authors = /* @__PURE__ */ new Set([
    ...prAuthors.map((a) => a.includes("@") ? normalizeEmail(a) : a.toLowerCase()),
    ...report.approvals.authors.map((a) => normalizeEmail(a.email))
  ]);
  const approvedBy = [];
  const stale = [];
  for (const review of latestStates(reviews)) {
    if (review.state !== "APPROVED") continue;
    const login = review.reviewer_login;
    const email = review.email ? normalizeEmail(review.email) : emailOfLogin.get(login.toLowerCase()) ?? null;
    if (authors.has(login.toLowerCase()) || email !== null && authors.has(email)) continue;
    if (review.commit_id !== report.head.sha) stale.push({ login, email, commit_id: review.commit_id });
    else approvedBy.push({ login, email });
  }
  const missing = [];
  const counted = /* @__PURE__ */ new Set();
  for (const def of report.definitions) {
    const eligible = new Set(def.approvers.map(normalizeEmail));
    const approvals = approvedBy.filter((r) => r.email !== null && eligible.has(r.email));
    approvals.forEach((r) => counted.add(r.login));
    if (approvals.length < def.approvals_required) {
      missing.push({
        kind: def.kind,
        id: def.id,
        required: def.approvals_required,
        approved: approvals.length,
        approvers: def.approvers
      });
    }
  }
  return {
    satisfied: missing.length === 0,
    required: report.approvals.required,
    approvedBy: approvedBy.filter((r) => counted.has(r.login)),
    missing,
    stale
  };
}
function latestStates(reviews) {
  const byLogin = /* @__PURE__ */ new Map();
  const ordered = [...reviews].sort((a, b) => Date.parse(a.submitted_at) - Date.parse(b.submitted_at));
  for (const review of ordered) {
    if (review.state === "COMMENTED") continue;
    byLogin.set(review.reviewer_login.toLowerCase(), review);
  }
  return [...byLogin.values()];
}

// src/github/check-run-outcome.ts
var LEVEL = { error: "failure", warning: "warning" };
function changeText(changes, pointer) {
  const change = changes[pointer];
  if (!Array.isArray(change) || change.length !== 2) return `${pointer} changed`;
  return `${pointer} ${formatChangeValue(change[0])} \u2192 ${formatChangeValue(change[1])}`;
}
function checkRunOutcome(report, evaluation, summary) {
  const conclusion = !report.ok ? "failure" : evaluation.satisfied ? "success" : "action_required";
  const { errors, warnings } = report.counts;
  const title = conclusion === "failure" ? `${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"} \xB7 risk ${report.risk}` : conclusion === "action_required" ? `risk ${report.risk} \xB7 approvals missing (${evaluation.approvedBy.length}/${evaluation.required})` : `risk ${report.risk} \xB7 approved`;
  const annotations = report.findings.map((f) => ({
    path: f.file,
    start_line: f.line,
    end_line: f.line,
    ...f.col > 0 ? { start_column: f.col, end_column: f.col } : {},
    annotation_level: LEVEL[f.severity],
    title: f.code,
    message: f.hint ? `${f.message}
${f.hint}` : f.message
  }));
  for (const def of report.definitions) {
    const changes = { ...def.audited_changes };
    for (const step of def.steps) {
      const stepId = step.auditable_id.slice(step.auditable_id.indexOf("/") + 1);
      for (const [p, c] of Object.entries(step.audited_changes)) changes[`/steps/${stepId}${p}`] = c;
    }
    for (const loc of def.locations) {
      annotations.push({
        path: def.path,
        start_line: loc.line,
        end_line: loc.line,
        annotation_level: "notice",
        title: `${def.kind} ${def.id}: risk ${def.risk}`,
        message: changeText(changes, loc.pointer)
      });
    }
  }
  return { conclusion, title, summary, annotations };
}

// src/github/list-reviews.ts
var STATES = new Set(REVIEW_STATES);
async function listReviews(octokit, ref2, pull) {
  const reviews = await octokit.paginate(octokit.rest.pulls.listReviews, {
    ...ref2,
    pull_number: pull,
    per_page: 100
  });
  return reviews.flatMap(
    (r) => r.user && STATES.has(r.state) && r.submitted_at ? [
      {
        reviewer_login: r.user.login,
        state: r.state,
        commit_id: r.commit_id ?? "",
        submitted_at: r.submitted_at
      }
    ] : []
  );
}

// src/github/publish-check-run.ts
var CHECK_RUN_NAME = "opsledger";
var ANNOTATIONS_PER_REQUEST = 50;
var MAX_OUTPUT = 65535;
function cut(text) {
  return text.length <= MAX_OUTPUT ? text : `${text.slice(0, MAX_OUTPUT - 40)}

\u2026 (cut at GitHub's limit)`;
}
async function startCheckRun(octokit, ref2, sha, now) {
  const res = await octokit.rest.checks.create({
    ...ref2,
    name: CHECK_RUN_NAME,
    head_sha: sha,
    status: "in_progress",
    started_at: now.toISOString()
  });
  return res.data.id;
}
async function findCheckRun(octokit, ref2, sha) {
  const res = await octokit.rest.checks.listForRef({
    ...ref2,
    ref: sha,
    check_name: CHECK_RUN_NAME,
    filter: "latest"
  });
  return res.data.check_runs[0]?.id ?? null;
}
async function completeCheckRun(octokit, ref2, id, result, options) {
  const all = options.withAnnotations ? result.annotations : [];
  const output = { title: result.title, summary: cut(result.summary) };
  await octokit.rest.checks.update({
    ...ref2,
    check_run_id: id,
    status: "completed",
    conclusion: result.conclusion,
    completed_at: options.now.toISOString(),
    output: { ...output, annotations: all.slice(0, ANNOTATIONS_PER_REQUEST) }
  });
  for (let i = ANNOTATIONS_PER_REQUEST; i < all.length; i += ANNOTATIONS_PER_REQUEST) {
    await octokit.rest.checks.update({
      ...ref2,
      check_run_id: id,
      output: { ...output, annotations: all.slice(i, i + ANNOTATIONS_PER_REQUEST) }
    });
  }
}

// src/github/set-risk-label.ts
var RISK_LABEL_PREFIX = "opsledger:risk-";
async function setRiskLabel(octokit, ref2, issue, risk) {
  const wanted = `${RISK_LABEL_PREFIX}${risk}`;
  const labels = await octokit.paginate(octokit.rest.issues.listLabelsOnIssue, {
    ...ref2,
    issue_number: issue,
    per_page: 100
  });
  const names = labels.map((l) => l.name);
  for (const stale of names.filter((n) => n.startsWith(RISK_LABEL_PREFIX) && n !== wanted)) {
    await octokit.rest.issues.removeLabel({ ...ref2, issue_number: issue, name: stale });
  }
  if (!names.includes(wanted))
    await octokit.rest.issues.addLabels({ ...ref2, issue_number: issue, labels: [wanted] });
}

// src/github/upsert-sticky-comment.ts
async function upsertStickyComment(octokit, ref2, issue, body, marker) {
  const comments = await octokit.paginate(octokit.rest.issues.listComments, {
    ...ref2,
    issue_number: issue,
    per_page: 100
  });
  const mine = comments.find((c) => (c.body ?? "").includes(marker));
  if (mine) {
    if (mine.body === body) return { id: mine.id, action: "unchanged" };
    await octokit.rest.issues.updateComment({ ...ref2, comment_id: mine.id, body });
    return { id: mine.id, action: "updated" };
  }
  const created = await octokit.rest.issues.createComment({ ...ref2, issue_number: issue, body });
  return { id: created.data.id, action: "created" };
}

// src/github/check-pull-request.ts
async function checkPullRequest(ctx, pr, options) {
  const octokit = await ctx.client.octokit(options.installationId);
  const ref2 = { owner: ctx.client.owner, repo: ctx.client.repo };
  const existing = options.reviewOnly ? await findCheckRun(octokit, ref2, pr.head.sha) : null;
  const runId = existing ?? await startCheckRun(octokit, ref2, pr.head.sha, ctx.now());
  try {
    const fetched = await fetchPullRequest(ctx.repo, ctx.config.github.remote, {
      number: pr.number,
      baseRef: pr.base.ref,
      headSha: pr.head.sha
    });
    const report = await runPrCheck({
      repo: ctx.repo,
      base: fetched.base,
      head: fetched.head,
      config: ctx.config
    });
    const reviews = await listReviews(octokit, ref2, pr.number);
    const evaluation = evaluateApprovals(report, reviews, pr.user ? [pr.user.login] : []);
    const body = renderPrCheckMarkdown(report, evaluation);
    const outcome = checkRunOutcome(report, evaluation, body);
    await completeCheckRun(octokit, ref2, runId, outcome, {
      now: ctx.now(),
      withAnnotations: existing === null
    });
    const comment = await upsertStickyComment(octokit, ref2, pr.number, body, PR_CHECK_MARKER);
    await setRiskLabel(octokit, ref2, pr.number, report.risk);
    return `#${pr.number} ${pr.head.sha.slice(0, 7)}: ${outcome.conclusion}, comment ${comment.action}, risk ${report.risk}`;
  } catch (err) {
    await completeCheckRun(
      octokit,
      ref2,
      runId,
      {
        conclusion: "failure",
        title: "opsledger could not check this pull request",
        summary: `${err.message}

The service retries; see its log for details.`,
        annotations: []
      },
      { now: ctx.now(), withAnnotations: false }
    ).catch((e) => ctx.log.warn(`cannot mark the check run failed: ${e.message}`));
    throw err;
  }
}

// src/github/judge-push.ts
var SHA2 = /^[0-9a-f]{40}$/;
function judgePush(payload, target) {
  const name = payload.repository?.full_name ?? "";
  if (!target.owner || !target.repo) {
    return { follow: false, why: "github.owner and github.repo are not set, so no push can be matched" };
  }
  if (name.toLowerCase() !== `${target.owner}/${target.repo}`.toLowerCase()) {
    return {
      follow: false,
      why: `a push to ${name || "an unnamed repository"}, not ${target.owner}/${target.repo}`
    };
  }
  if (payload.ref !== `refs/heads/${target.branch}`) {
    return {
      follow: false,
      why: `a push to ${payload.ref ?? "no ref"}, not the tracked branch ${target.branch}`
    };
  }
  if (payload.deleted === true) {
    return {
      follow: false,
      why: `the tracked branch ${target.branch} was deleted on GitHub; the clone keeps it`
    };
  }
  if (!payload.after || !SHA2.test(payload.after)) {
    return { follow: false, why: "the push names no commit (after)" };
  }
  return { follow: true, after: payload.after };
}

// src/github/push-approval-notes.ts
var REMOTE_NOTES = `${FETCH_REF_PREFIX}/notes/approvals`;
async function syncApprovalNotes(repo, remote) {
  const fetched = await runGitRaw(repo, [
    "fetch",
    "--quiet",
    "--no-tags",
    "--no-write-fetch-head",
    remote,
    `+${APPROVALS_NOTES_REF}:${REMOTE_NOTES}`
  ]);
  if (fetched.code !== 0) {
    if (/couldn't find remote ref/i.test(fetched.stderr)) return;
    await runGit(repo, ["fetch", "--quiet", remote, `+${APPROVALS_NOTES_REF}:${REMOTE_NOTES}`]);
  }
  const local = await runGitRaw(repo, ["rev-parse", "--verify", "--quiet", APPROVALS_NOTES_REF]);
  if (local.code !== 0) {
    await runGit(repo, ["update-ref", APPROVALS_NOTES_REF, REMOTE_NOTES]);
    return;
  }
  await runGit(
    repo,
    ["notes", `--ref=${APPROVALS_NOTES_REF}`, "merge", "--quiet", "-s", "cat_sort_uniq", REMOTE_NOTES],
    {
      env: NOTES_IDENTITY
    }
  );
}
var SERVICE_IDENTITY = { name: "opsledger", email: "opsledger@localhost" };
var NOTES_IDENTITY = {
  GIT_AUTHOR_NAME: SERVICE_IDENTITY.name,
  GIT_AUTHOR_EMAIL: SERVICE_IDENTITY.email,
  GIT_COMMITTER_NAME: SERVICE_IDENTITY.name,
  GIT_COMMITTER_EMAIL: SERVICE_IDENTITY.email
};
async function notesIdentity(repo) {
  const ident = await runGitRaw(repo, ["var", "GIT_COMMITTER_IDENT"]);
  return ident.code === 0 ? void 0 : SERVICE_IDENTITY;
}
async function pushApprovalNotes(repo, remote) {
  for (let attempt = 1; ; attempt++) {
    const pushed = await runGitRaw(repo, [
      "push",
      "--quiet",
      remote,
      `${APPROVALS_NOTES_REF}:${APPROVALS_NOTES_REF}`
    ]);
    if (pushed.code === 0) return;
    if (attempt >= 3 || !/rejected|fetch first|non-fast-forward/i.test(pushed.stderr)) {
      await runGit(repo, ["push", "--quiet", remote, `${APPROVALS_NOTES_REF}:${APPROVALS_NOTES_REF}`]);
      return;
    }
    await syncApprovalNotes(repo, remote);
  }
}

// src/github/record-merge-approvals.ts
async function recordMergeApprovals(ctx, pr, options) {
  const merge = pr.merge_commit_sha;
  if (!merge) return `#${pr.number}: merged without a merge commit sha, nothing recorded`;
  const { remote } = ctx.config.github;
  await fetchBranch(ctx.repo, remote, pr.base.ref);
  await fetchPullRequest(ctx.repo, remote, { number: pr.number, baseRef: pr.base.ref, headSha: pr.head.sha });
  await syncApprovalNotes(ctx.repo, remote);
  const shown = await runGitRaw(ctx.repo, ["notes", `--ref=${APPROVALS_NOTES_REF}`, "show", merge]);
  const already = shown.code === 0 && parseApprovalNoteText(shown.stdout).some(
    (n) => n.pull_request.number === pr.number && n.pull_request.head_sha === pr.head.sha
  );
  if (!already) {
    const octokit = await ctx.client.octokit(options.installationId);
    const ref2 = { owner: ctx.client.owner, repo: ctx.client.repo };
    const report = await runPrCheck({
      repo: ctx.repo,
      base: `${merge}^1`,
      head: pr.head.sha,
      config: ctx.config
    });
    const reviews = await listReviews(octokit, ref2, pr.number);
    const logins = /* @__PURE__ */ new Map();
    for (const [login, email] of Object.entries(ctx.config.github.github_logins ?? {}))
      logins.set(login.toLowerCase(), email);
    for (const a of report.approvals.approvers)
      for (const l of a.logins) logins.set(l.toLowerCase(), a.email);
    const note = {
      version: 1,
      pull_request: {
        number: pr.number,
        url: pr.html_url,
        head_sha: pr.head.sha,
        base_ref: pr.base.ref,
        authors: [
          .../* @__PURE__ */ new Set([...pr.user ? [pr.user.login] : [], ...report.approvals.authors.map((a) => a.email)])
        ]
      },
      approvals: reviews.map((r) => ({ ...r, email: logins.get(r.reviewer_login.toLowerCase()) ?? null })),
      recorded_at: ctx.now().toISOString()
    };
    await writeApprovalNote(ctx.repo, merge, note, await notesIdentity(ctx.repo));
  }
  await pushApprovalNotes(ctx.repo, remote);
  return `#${pr.number}: approval note on ${merge.slice(0, 7)} ${already ? "was already there" : "recorded"}, pushed`;
}

// src/github/handle-github-delivery.ts
var HANDLED_EVENTS = ["pull_request", "pull_request_review", "push"];
var CHECKED_ACTIONS = /* @__PURE__ */ new Set(["opened", "synchronize", "reopened", "ready_for_review"]);
var REVIEW_ACTIONS = /* @__PURE__ */ new Set(["submitted", "dismissed"]);
async function handleGithubDelivery(ctx, job) {
  if (job.event === "push") {
    const verdict = judgePush(job.payload, {
      owner: ctx.config.github.owner,
      repo: ctx.config.github.repo,
      branch: ctx.config.branch
    });
    if (!verdict.follow) return `push: ignored, ${verdict.why}`;
    if (!ctx.followPush) return "push: ignored, this server does not follow pushes";
    return `push: ${await ctx.followPush(verdict.after)}`;
  }
  const payload = job.payload;
  const pr = payload.pull_request;
  const action = payload.action ?? "";
  const installationId = payload.installation?.id;
  const options = installationId === void 0 ? {} : { installationId };
  if (!pr) return `${job.event}.${action}: no pull request, ignored`;
  if (job.event === "pull_request" && CHECKED_ACTIONS.has(action)) {
    return checkPullRequest(ctx, pr, { ...options, reviewOnly: false });
  }
  if (job.event === "pull_request" && action === "closed" && pr.merged === true) {
    return recordMergeApprovals(ctx, pr, options);
  }
  if (job.event === "pull_request_review" && REVIEW_ACTIONS.has(action)) {
    return checkPullRequest(ctx, pr, { ...options, reviewOnly: true });
  }
  return `${job.event}.${action}: nothing to do`;
}

// src/github/open-github-app.ts
function openGithubApp(options) {
  const { config, env } = options;
  const secretEnv = config.github.webhook_secret_env;
  if (!secretEnv) return null;
  const secret = env[secretEnv];
  if (!secret) {
    throw new OpsledgerError(
      "CONFIG_INVALID",
      `the environment variable ${secretEnv} (github.webhook_secret_env) is not set`,
      {
        hint: `Export ${secretEnv} with the App's webhook secret before \`opsledger serve\` (docs/github.md).`
      }
    );
  }
  const webhooks = new Webhooks({ secret });
  const queue = openWebhookQueue(options.dataDir);
  const ctx = {
    repo: options.repo,
    config,
    client: options.client,
    now: options.now,
    log: options.log,
    ...options.followPush ? { followPush: options.followPush } : {}
  };
  const worker = createGithubWorker({
    queue,
    handle: (job) => handleGithubDelivery(ctx, job),
    now: options.now,
    log: options.log,
    ...options.pollMs !== void 0 ? { pollMs: options.pollMs } : {}
  });
  return {
    async verify(rawBody, signature) {
      if (!signature || !/^sha256=[0-9a-f]{64}$/.test(signature)) return false;
      return webhooks.verify(rawBody.toString("utf8"), signature).catch(() => false);
    },
    async receive(job) {
      if (!HANDLED_EVENTS.includes(job.event)) return "ignored";
      const queued = await queue.enqueue(job);
      if (queued) worker.wake();
      return queued ? "queued" : "duplicate";
    },
    worker
  };
}

// src/github/open-github-service.ts
function openGithubService(options) {
  const { config, history } = options;
  const gh = config.github;
  if (!gh.token_env && gh.app_id === void 0) {
    if (gh.webhook_secret_env) {
      throw new OpsledgerError("CONFIG_INVALID", "github.webhook_secret_env is set but no GitHub auth is", {
        hint: "Add github.token_env, or github.app_id with github.private_key_env (docs/github.md)."
      });
    }
    return { app: null, revert: null };
  }
  const client = createGithubClient({
    config: gh,
    env: options.env,
    log: options.log,
    ...options.tuning ? { tuning: options.tuning } : {}
  });
  const app = openGithubApp({
    client,
    repo: options.repo,
    dataDir: options.dataDir,
    config,
    env: options.env,
    now: options.now,
    log: options.log,
    ...options.tuning?.pollMs !== void 0 ? { pollMs: options.tuning.pollMs } : {},
    ...options.followPush ? { followPush: options.followPush } : {}
  });
  const revert = async (request) => {
    const found = history.definitionAt(request.kind, request.id, request.version);
    if (!found) {
      throw new OpsledgerError(
        "VERSION_NOT_FOUND",
        `${request.kind} ${request.id} has no version ${request.version}`
      );
    }
    const target = revertTargetOf(history, request.kind, request.id, found);
    const last = history.states(request.kind, request.id).at(-1);
    return openRevertPullRequest({
      repo: options.repo,
      config,
      client,
      request: {
        kind: "version",
        target,
        current: last ? { version: last.version, commit: last.commit } : null
      },
      author: { name: request.user, email: request.user }
    });
  };
  return { app, revert };
}

// src/server/access-log.ts
import { closeSync, mkdirSync, openSync, readFileSync as readFileSync2, writeSync, fsyncSync } from "node:fs";
import path5 from "node:path";
var ACCESS_LOG_FILE = "server/access-log.jsonl";
function openAccessLog(dataDir, syncMs = 1e3) {
  const file = path5.join(dataDir, ACCESS_LOG_FILE);
  mkdirSync(path5.dirname(file), { recursive: true });
  const fd = openSync(file, "a", 384);
  let seq = readLines(file).reduce((max, e) => Math.max(max, e.seq), 0);
  let timer = null;
  let closed = false;
  const sync = () => {
    timer = null;
    if (!closed) fsyncSync(fd);
  };
  return {
    append(entry) {
      const full = { seq: ++seq, ...entry };
      writeSync(fd, `${JSON.stringify(full)}
`);
      if (!timer) {
        timer = setTimeout(sync, syncMs);
        timer.unref();
      }
      return full;
    },
    read(query) {
      const since = query.since ? Date.parse(query.since) : -Infinity;
      const until = query.until ? Date.parse(query.until) : Infinity;
      const user = query.user?.toLowerCase();
      const matches = [];
      const all = readLines(file);
      for (let i = all.length - 1; i >= 0; i--) {
        const e = all[i];
        if (query.beforeSeq !== void 0 && e.seq >= query.beforeSeq) continue;
        const t = Date.parse(e.time);
        if (t < since || t > until) continue;
        if (user !== void 0 && e.user?.toLowerCase() !== user) continue;
        matches.push(e);
        if (matches.length > query.limit) break;
      }
      return { entries: matches.slice(0, query.limit), more: matches.length > query.limit };
    },
    close() {
      if (closed) return;
      if (timer) clearTimeout(timer);
      fsyncSync(fd);
      closed = true;
      closeSync(fd);
    }
  };
}
function readLines(file) {
  let text;
  try {
    text = readFileSync2(file, "utf8");
  } catch {
    return [];
  }
  const entries = [];
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    try {
      entries.push(JSON.parse(line));
    } catch {
    }
  }
  return entries;
}

// src/server/open-idempotency-store.ts
var IDEMPOTENCY_COLLECTION = "idempotency";
var IDEMPOTENCY_TTL_MS = 7 * 864e5;
function openIdempotencyStore(state, now) {
  const empty = () => ({ entries: {} });
  const slot = (scope, key) => `${scope}:${key}`;
  return {
    async get(scope, key) {
      return (await state.read(IDEMPOTENCY_COLLECTION, empty)).entries[slot(scope, key)] ?? null;
    },
    async put(scope, key, entry) {
      const oldest = now().getTime() - IDEMPOTENCY_TTL_MS;
      await state.update(IDEMPOTENCY_COLLECTION, empty, (data) => {
        for (const [k, e] of Object.entries(data.entries)) {
          if (Date.parse(e.created_at) < oldest) delete data.entries[k];
        }
        data.entries[slot(scope, key)] = entry;
      });
    }
  };
}

// src/server/open-shared-state.ts
import { hostname } from "node:os";

// src/schedules/pg-claim-firing.ts
function pgFiringClaimer(pool, claimedBy) {
  let claims = 0;
  return async (id) => {
    if (++claims % 500 === 0) {
      await pool.query(`DELETE FROM schedule_claims WHERE claimed_at < now() - interval '1 day'`);
    }
    const res = await pool.query(
      "INSERT INTO schedule_claims (firing_id, claimed_by) VALUES ($1, $2) ON CONFLICT DO NOTHING",
      [id, claimedBy]
    );
    return res.rowCount === 1;
  };
}

// src/server/middleware/pg-rate-limit-store.ts
var PgRateLimitStore = class {
  constructor(pool, prefix) {
    this.pool = pool;
    this.prefix = prefix;
  }
  pool;
  prefix;
  windowMs = 6e4;
  localKeys = false;
  init(options) {
    this.windowMs = options.windowMs;
  }
  async increment(key) {
    const res = await this.pool.query(
      `INSERT INTO rate_limit_hits AS h (key, hits, reset_at)
       VALUES ($1, 1, now() + make_interval(secs => $2::double precision / 1000))
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN h.reset_at <= now() THEN 1 ELSE h.hits + 1 END,
         reset_at = CASE WHEN h.reset_at <= now() THEN EXCLUDED.reset_at ELSE h.reset_at END
       RETURNING hits, reset_at`,
      [this.prefix + key, this.windowMs]
    );
    const row = res.rows[0];
    return { totalHits: row.hits, resetTime: row.reset_at };
  }
  async decrement(key) {
    await this.pool.query("UPDATE rate_limit_hits SET hits = greatest(hits - 1, 0) WHERE key = $1", [
      this.prefix + key
    ]);
  }
  async resetKey(key) {
    await this.pool.query("DELETE FROM rate_limit_hits WHERE key = $1", [this.prefix + key]);
  }
  async get(key) {
    const res = await this.pool.query(
      "SELECT hits, reset_at FROM rate_limit_hits WHERE key = $1 AND reset_at > now()",
      [this.prefix + key]
    );
    const row = res.rows[0];
    return row ? { totalHits: row.hits, resetTime: row.reset_at } : void 0;
  }
};

// src/server/pg-idempotency-store.ts
function openPgIdempotencyStore(pool, now) {
  return {
    async get(scope, key) {
      const res = await pool.query("SELECT request_hash, response FROM idempotency_keys WHERE scope = $1 AND key = $2", [scope, key]);
      const row = res.rows[0];
      return row ? { request_hash: row.request_hash, ...row.response } : null;
    },
    async put(scope, key, entry) {
      const { request_hash, ...response } = entry;
      await pool.query("DELETE FROM idempotency_keys WHERE created_at < $1", [
        new Date(now().getTime() - IDEMPOTENCY_TTL_MS)
      ]);
      await pool.query(
        `INSERT INTO idempotency_keys (scope, key, request_hash, response, created_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (scope, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, response = EXCLUDED.response,
         created_at = EXCLUDED.created_at`,
        [scope, key, request_hash, JSON.stringify(response), new Date(entry.created_at)]
      );
    }
  };
}

// src/server/pg-recording-leases.ts
function pgRecordingLeases(pool) {
  return {
    async renew(id, until) {
      await pool.query(
        `INSERT INTO recording_leases (id, expires_at) VALUES ($1, $2)
         ON CONFLICT (id) DO UPDATE SET expires_at = GREATEST(recording_leases.expires_at, EXCLUDED.expires_at)`,
        [id, until.toISOString()]
      );
    },
    async adopt(id, until) {
      await pool.query(
        "INSERT INTO recording_leases (id, expires_at) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING",
        [id, until.toISOString()]
      );
    },
    async claimLapsed(now, claimUntil) {
      const res = await pool.query(
        `UPDATE recording_leases SET expires_at = $2
         WHERE id IN (SELECT id FROM recording_leases WHERE expires_at < $1
                      ORDER BY expires_at LIMIT 100 FOR UPDATE SKIP LOCKED)
         RETURNING id`,
        [now.toISOString(), claimUntil.toISOString()]
      );
      return res.rows.map((r) => r.id).sort();
    },
    async lapsed(id, now) {
      const res = await pool.query(
        "SELECT expires_at < $2 AS lapsed FROM recording_leases WHERE id = $1",
        [id, now.toISOString()]
      );
      return res.rows[0]?.lapsed === true;
    },
    async drop(id) {
      await pool.query("DELETE FROM recording_leases WHERE id = $1", [id]);
    }
  };
}

// src/server/open-shared-state.ts
function openSharedState(url, now) {
  const pool = createPool(url, 4);
  const outboxSession = openPgSession(url);
  const deliveryState = openPgDeliveryState(pool, url);
  return {
    outbox: openPgOutbox(pool, outboxSession),
    deliveryState,
    keys: openPgKeyStore(pool),
    idempotency: openPgIdempotencyStore(pool, now),
    rateLimitStore: new PgRateLimitStore(pool, "per-key:"),
    claimFiring: pgFiringClaimer(pool, `${hostname()}:${process.pid}`),
    recordingLeases: pgRecordingLeases(pool),
    async databaseHealth() {
      try {
        return {
          backend: "postgres",
          reachable: true,
          schema_version: await schemaVersion(pool),
          expected_schema_version: LATEST_SCHEMA_VERSION
        };
      } catch (err) {
        return {
          backend: "postgres",
          reachable: false,
          schema_version: null,
          expected_schema_version: LATEST_SCHEMA_VERSION,
          error: err.message
        };
      }
    },
    async close() {
      await Promise.all([outboxSession.close(), deliveryState.close()]);
      await pool.end();
    }
  };
}

// src/server/recording-leases.ts
function memoryRecordingLeases() {
  const until = /* @__PURE__ */ new Map();
  return {
    async renew(id, at) {
      until.set(id, Math.max(until.get(id) ?? 0, at.getTime()));
    },
    async adopt(id, at) {
      if (!until.has(id)) until.set(id, at.getTime());
    },
    async claimLapsed(now, claimUntil) {
      const ids = [...until].filter(([, t]) => t < now.getTime()).map(([id]) => id);
      for (const id of ids) until.set(id, claimUntil.getTime());
      return ids.sort();
    },
    async lapsed(id, now) {
      const t = until.get(id);
      return t !== void 0 && t < now.getTime();
    },
    async drop(id) {
      until.delete(id);
    }
  };
}

// src/server/server-deps.ts
function defaultLimits(config) {
  return {
    bodyBytes: 64 * 1024,
    rateLimit: config.server.rate_limit_per_minute,
    rateWindowMs: 6e4,
    authFailures: 30,
    keyIdFailures: 10
  };
}

// src/server/open-server-deps.ts
async function openServerDeps(options) {
  const { repo, dataDir, config, logger } = options;
  const now = options.now ?? (() => /* @__PURE__ */ new Date());
  const branch = config.branch;
  const definitionsDir = config.paths.definitions;
  const allowShallow = options.allowShallow === true;
  const history = await openHistoryIndex({
    repo,
    dataDir,
    branch,
    definitionsDir,
    allowShallow,
    onWarning: (message) => logger.warn(message)
  });
  const shared = options.databaseUrl ? openSharedState(options.databaseUrl, now) : null;
  let worker = null;
  const alerts = openAlerts({
    dataDir,
    config,
    now,
    onWarning: (message) => logger.warn(message),
    onAppended: () => worker?.wake(),
    ...shared ? { outbox: shared.outbox } : {}
  });
  worker = createDeliveryWorker({
    dataDir,
    outbox: alerts.outbox(),
    webhooks: config.webhooks,
    env: options.env,
    logger: { info: (m) => logger.info(m), warn: (m) => logger.warn(m) },
    ...shared ? { store: shared.deliveryState } : {}
  });
  const emitHistoryAlerts = () => alerts.emitHistoryAlerts(history).catch((err) => {
    logger.warn(`cannot put history alerts in the outbox: ${err.message}`);
  });
  await emitHistoryAlerts();
  const opened = stampRecordedVia(
    // Pages of runs are served from parsed records kept in memory (docs/api.md, "Performance").
    await openJournalAt(
      options.databaseUrl ? { backend: "postgres", url: options.databaseUrl } : { backend: "file", dataDir },
      { now, onWarning: (message) => logger.warn(message), recordCache: 2e4 }
    ),
    "server"
  );
  const journalAlerts = alerts.journalAlerts(
    options.databaseUrl ? (seq) => scanRecordsAfter(opened, seq) : void 0
  );
  const journal = alertOnAppend(opened, journalAlerts);
  const owed = await levelOutbox(journal, journalAlerts);
  if (owed > 0)
    logger.warn(`alerts: ${owed} run record(s) appended before a crash had no alert yet; now in the outbox`);
  await closeAbandonedRuns({
    dataDir,
    journal,
    now,
    closedBy: "serve",
    onWarning: (message) => logger.warn(message)
  });
  const recordingLeases = shared?.recordingLeases ?? memoryRecordingLeases();
  await settleRecordingLeases({
    journal,
    leases: recordingLeases,
    now,
    leaseMs: config.server.recording_lease_seconds * 1e3,
    onWarning: (message) => logger.warn(message)
  });
  const state = openState(dataDir);
  const keys = shared?.keys ?? openKeyStore(state);
  const hmacKey = await loadHmacKey(state, now);
  const accessLog = openAccessLog(dataDir);
  let refreshing = null;
  const refreshHistory = () => refreshing ??= history.refresh().then(async (stats) => {
    await emitHistoryAlerts();
    return stats;
  }).finally(() => refreshing = null);
  const refreshAfterNow = async () => {
    while (refreshing) await refreshing.catch(() => void 0);
    return refreshHistory();
  };
  const github = openGithubService({
    followPush: createPushFollower({
      repo,
      dataDir,
      remote: config.github.remote,
      branch,
      refresh: refreshAfterNow,
      now: () => now().getTime(),
      log: { warn: (m) => logger.warn({ github: true }, m) }
    }),
    repo,
    dataDir,
    config,
    env: options.env,
    history,
    now,
    log: { info: (m) => logger.info({ github: true }, m), warn: (m) => logger.warn({ github: true }, m) },
    ...options.githubTuning ? { tuning: options.githubTuning } : {}
  });
  const host = hostname2();
  return {
    repo,
    config,
    history,
    journal,
    startRun: (req) => startRun({
      repo,
      dataDir,
      branch,
      journal,
      history,
      definitionsDir,
      actionId: req.actionId,
      params: req.params,
      targets: req.targets,
      initiator: { user: req.user, via: "api", host },
      trigger: req.trigger,
      // The API runs what is released on the branch; a dirty work tree or a draft is refused (409).
      allowDirty: false,
      allowUnreleased: false,
      env: options.env,
      now,
      ...options.runSignal ? { signal: options.runSignal } : {}
    }),
    startRunbookRun: (req) => startRunbookRun({
      repo,
      dataDir,
      branch,
      journal,
      history,
      definitionsDir,
      runbookId: req.runbookId,
      params: req.params,
      targets: req.targets,
      initiator: { user: req.user, via: req.trigger === "schedule" ? "scheduler" : "api", host },
      trigger: req.trigger,
      access: "always",
      env: options.env,
      now,
      ...options.runSignal ? { signal: options.runSignal } : {}
    }),
    redactParameters: (defs, values) => recordParameters(defs, values, (v) => hmacSecret(hmacKey, v)),
    refreshHistory,
    webhookDeliveries: () => shared ? shared.deliveryState.deliveries() : readDeliveries(dataDir),
    // The journal this service writes: its database when it has one, else its data dir's files.
    verifyJournal: () => options.databaseUrl ? import("./verify-postgres-5YHI5LVJ.js").then(
      (m) => m.verifyPostgres({ url: options.databaseUrl, repo })
    ) : verifyJournal({ dataDir, repo }),
    ...github.app ? { github: github.app } : {},
    ...github.revert ? { openRevertPullRequest: github.revert } : {},
    deliveryWorker: worker,
    keys,
    idempotency: shared?.idempotency ?? openIdempotencyStore(state, now),
    ...shared ? {
      rateLimitStore: shared.rateLimitStore,
      claimFiring: shared.claimFiring,
      databaseHealth: shared.databaseHealth
    } : {},
    recordingLeases,
    accessLog,
    roles: rolesAtTip(history),
    now,
    newExecutionId,
    logger,
    limits: defaultLimits(config),
    inflightRuns: /* @__PURE__ */ new Set(),
    async close() {
      await worker.stop();
      await keys.close();
      accessLog.close();
      await journal.close();
      await shared?.close();
    }
  };
}
async function settleRecordingLeases(options) {
  try {
    await closeLapsedRecordings(options);
    await adoptOpenRecordings(options);
  } catch (err) {
    options.onWarning?.(`cannot check the leases of remote runs now: ${err.message}`);
  }
}

// src/server/server-worker.ts
function intervalWorker(name, ms, tick, onError) {
  let timer = null;
  let running = null;
  return {
    name,
    start() {
      timer = setInterval(() => {
        running ??= tick().catch(onError).finally(() => running = null);
      }, ms);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    }
  };
}

// src/server/start-server.ts
function setTimeouts(server) {
  server.requestTimeout = 3e4;
  server.headersTimeout = 1e4;
  server.keepAliveTimeout = 5e3;
  server.setTimeout(12e4);
}
async function listen(server, host, port) {
  server.listen(port, host);
  try {
    await once(server, "listening");
  } catch (err) {
    throw new OpsledgerError("USAGE", `cannot listen on ${host}:${port}: ${err.message}`, {
      cause: err
    });
  }
  return server.address();
}
function builtInWorkers(deps, config, logger) {
  return [
    intervalWorker(
      "history-refresh",
      config.server.refresh_seconds * 1e3,
      deps.refreshHistory,
      (err) => logger.error({ err }, "history refresh failed")
    ),
    intervalWorker(
      "key-last-used",
      5e3,
      () => deps.keys.flush(),
      (err) => logger.error({ err }, "writing key last-used times failed")
    ),
    // GitHub deliveries from the durable queue (docs/github.md); jobs a stopped server left are done now.
    ...deps.github ? [deps.github.worker] : [],
    // Remote runs whose CLI stopped renewing its lease are closed `abandoned` (docs/executions.md, Remote recording).
    ...deps.recordingLeases ? [recordingLeaseWatchdog(deps, deps.recordingLeases, config, logger)] : []
  ];
}
function recordingLeaseWatchdog(deps, leases, config, logger) {
  const leaseMs = config.server.recording_lease_seconds * 1e3;
  return intervalWorker(
    "recording-leases",
    Math.max(250, Math.min(5e3, Math.floor(leaseMs / 4))),
    () => closeLapsedRecordings({
      journal: deps.journal,
      leases,
      now: deps.now,
      leaseMs,
      onWarning: (message) => logger.warn(message)
    }),
    (err) => logger.error({ err }, "closing remote runs whose lease lapsed failed")
  );
}
function trackConnections(server) {
  let draining = false;
  const running = /* @__PURE__ */ new Set();
  server.on("request", (_req, res) => {
    if (draining) res.shouldKeepAlive = false;
    running.add(res);
    res.on("close", () => running.delete(res));
  });
  return {
    drain() {
      draining = true;
      for (const res of running) if (!res.headersSent) res.shouldKeepAlive = false;
      server.closeIdleConnections();
    }
  };
}
async function startServer(options) {
  const { logger } = options;
  const now = options.now ?? (() => /* @__PURE__ */ new Date());
  const runs = new AbortController();
  const opened = await openServerDeps({
    repo: options.repo,
    dataDir: options.dataDir,
    databaseUrl: options.databaseUrl ?? null,
    config: options.config,
    logger,
    env: options.env,
    now,
    runSignal: runs.signal,
    allowShallow: options.allowShallow === true,
    ...options.githubTuning ? { githubTuning: options.githubTuning } : {}
  });
  const deps = { ...opened, limits: { ...opened.limits, ...options.limits } };
  const server = createServer(createApp(deps));
  setTimeouts(server);
  const connections = trackConnections(server);
  let firstKey;
  let address;
  let workers;
  try {
    workers = [...builtInWorkers(deps, options.config, logger), ...options.workers?.(deps) ?? []];
    firstKey = await bootstrapAdminKey(deps.keys, deps.roles.roles(), now(), parseExpiry("90d", now()));
    address = await listen(server, options.host, options.port);
  } catch (err) {
    await opened.close();
    throw err;
  }
  const started = [];
  const drain = async (reason) => {
    const closed = new Promise((resolve) => server.close(() => resolve()));
    connections.drain();
    const deadline = setTimeout(() => {
      server.closeAllConnections();
      runs.abort(reason);
    }, options.graceMs);
    try {
      await Promise.all([
        // Once no request is running no run can start: then the runs started through the API are waited for.
        closed.then(() => Promise.allSettled([...deps.inflightRuns])),
        Promise.allSettled(started.map((w) => w.stop())).then((results) => {
          results.forEach((r, i) => {
            if (r.status === "rejected")
              logger.error({ err: r.reason }, `worker ${started[i].name} failed to stop`);
          });
        })
      ]);
    } finally {
      clearTimeout(deadline);
    }
    await opened.close();
  };
  let closing = null;
  const close = (reason = "the server is shutting down") => closing ??= drain(reason);
  try {
    for (const worker of workers) {
      await worker.start();
      started.push(worker);
    }
  } catch (err) {
    await close(`a worker failed to start: ${err.message}`);
    throw err;
  }
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    deps,
    http: server,
    firstKey,
    close
  };
}

// src/cli/serve-logger.ts
import { pino } from "pino";
function createServeLogger(level) {
  return pino(
    {
      level,
      base: { service: "opsledger" },
      // Defence in depth: nothing logs headers or keys, and these paths are censored if anything ever does.
      redact: {
        paths: [
          "req.headers.authorization",
          "req.headers.cookie",
          "headers.authorization",
          "key",
          "*.key",
          "secret"
        ],
        censor: "[redacted]"
      }
    },
    pino.destination({ fd: 2, sync: false })
  );
}

// src/schedules/claim-firing.ts
import { closeSync as closeSync2, mkdirSync as mkdirSync2, openSync as openSync2, readdirSync, statSync, unlinkSync } from "node:fs";
import path6 from "node:path";
var claimsDir = (dataDir) => path6.join(dataDir, "executions", "claims");
function claimFiring(dataDir, id) {
  const file = path6.join(claimsDir(dataDir), id);
  try {
    closeSync2(openSync2(file, "wx", 384));
    return true;
  } catch (err) {
    const code = err.code;
    if (code === "EEXIST") return false;
    if (code !== "ENOENT") throw err;
  }
  mkdirSync2(claimsDir(dataDir), { recursive: true, mode: 448 });
  try {
    closeSync2(openSync2(file, "wx", 384));
    return true;
  } catch (err) {
    if (err.code === "EEXIST") return false;
    throw err;
  }
}
function pruneClaims(dataDir, now, maxAgeMs = 864e5) {
  let names;
  try {
    names = readdirSync(claimsDir(dataDir));
  } catch {
    return;
  }
  for (const name of names) {
    const file = path6.join(claimsDir(dataDir), name);
    try {
      if (now.getTime() - statSync(file).mtimeMs > maxAgeMs) unlinkSync(file);
    } catch {
    }
  }
}

// src/schedules/plan-firings.ts
import { createHash as createHash4 } from "node:crypto";
var EXACT_COUNT_LIMIT = 2e5;
function countFirings(schedule, after, until) {
  const cron = compileSchedule(schedule);
  let count = 0;
  let first = null;
  let last = null;
  for (let at = cron.nextRun(after); at !== null && at.getTime() <= until.getTime(); at = cron.nextRun(at)) {
    count++;
    first ??= at;
    last = at;
    if (count === EXACT_COUNT_LIMIT) {
      const final = cron.previousRuns(1, new Date(until.getTime() + 1))[0] ?? at;
      const mean = (at.getTime() - first.getTime()) / Math.max(1, count - 1);
      const rest = mean > 0 ? Math.round((final.getTime() - at.getTime()) / mean) : 0;
      return { count: count + rest, first, last: final, estimated: rest > 0 };
    }
  }
  return { count, first, last, estimated: false };
}
function planFirings(entries, cursors, now, startup) {
  const plan = { fire: [], missed: [] };
  for (const entry of entries) {
    const cursor = cursors.get(scheduleKey(entry));
    if (entry.problem || !cursor || cursor.getTime() >= now.getTime()) continue;
    const { count, first, last } = countFirings(entry.schedule, cursor, now);
    if (count === 0 || !first || !last) continue;
    if (startup) {
      plan.missed.push({ entry, count, first, last });
      if (entry.catch_up === "latest") plan.fire.push({ entry, planned: last, late: true });
      continue;
    }
    plan.fire.push({ entry, planned: last, late: false });
    if (count > 1) {
      const before = countFirings(entry.schedule, cursor, new Date(last.getTime() - 1));
      plan.missed.push({ entry, count: count - 1, first, last: before.last ?? first });
    }
  }
  return plan;
}
function scheduleKey(entry) {
  return `${entry.kind}:${entry.id}`;
}
function firingId(entry, planned, what = "run") {
  const digest = createHash4("sha256").update(`${scheduleKey(entry)}
${what}
${planned.toISOString()}`).digest("hex");
  return `sch-${digest.slice(0, 40)}`;
}

// src/schedules/scheduled-records.ts
function scheduleOf(entry) {
  return {
    kind: entry.kind,
    cron: entry.schedule.cron,
    timezone: entry.schedule.timezone,
    commit: entry.commit
  };
}
function scheduledRecord(entry, id, planned, at, user, end) {
  return {
    id,
    ...entry.kind === "runbook" ? { kind: "runbook_run" } : {},
    action_id: entry.id,
    definition: {
      commit: entry.commit,
      blob: null,
      path: null,
      version: entry.version,
      status: null,
      dirty: false
    },
    trigger: "schedule",
    initiator: { user, via: "scheduler" },
    targets: [],
    parameters: {},
    started_at: at.toISOString(),
    finished_at: at.toISOString(),
    duration_ms: 0,
    exit_code: null,
    planned_at: planned.toISOString(),
    schedule: scheduleOf(entry),
    ...end
  };
}
function missedRecord(entry, id, count, first, last, at, user) {
  return {
    ...scheduledRecord(entry, id, last, at, user, {
      status: "missed",
      error: `missed: ${count} firing${count === 1 ? "" : "s"} from ${first.toISOString()} to ${last.toISOString()} did not run (the scheduler was not running)${entry.catch_up === "latest" ? "; catch_up: latest runs the last one now" : ""}`
    }),
    missed: { count, first: first.toISOString(), last: last.toISOString() }
  };
}

// src/schedules/scheduled-runs.ts
async function lastPlanned(journal, entry) {
  let latest = 0;
  for (const r of await journal.query({ action: entry.id, trigger: "schedule", limit: 50 })) {
    if (r.schedule?.kind !== entry.kind) continue;
    for (const t of [r.planned_at, r.missed?.last]) if (t) latest = Math.max(latest, Date.parse(t));
  }
  return latest > 0 ? new Date(latest) : null;
}
async function isBusy(journal, entry) {
  await journal.refresh();
  return (await journal.query({ action: entry.id, trigger: "schedule", limit: 20 })).some(
    (r) => r.schedule?.kind === entry.kind && (r.status === "running" || r.status === "waiting")
  );
}

// src/schedules/start-firing.ts
import { hostname as hostname3 } from "node:os";
async function startFiring(options, entry, planned, tip, id, now) {
  const extra = { planned_at: planned.toISOString(), schedule: scheduleOf(entry) };
  const initiator = {
    user: options.serviceUser ?? entry.owner,
    via: "scheduler",
    host: hostname3()
  };
  const common = {
    repo: options.repo,
    dataDir: options.dataDir,
    branch: options.branch,
    journal: options.journal,
    history: options.history,
    definitionsDir: options.definitionsDir,
    params: {},
    targets: [],
    initiator,
    trigger: "schedule",
    env: options.env,
    now,
    makeId: () => id,
    claim: true,
    extra,
    ...options.signal ? { signal: options.signal } : {}
  };
  return entry.kind === "action" ? await startRun({
    ...common,
    actionId: entry.id,
    allowDirty: false,
    allowUnreleased: false,
    atCommit: tip
  }) : await startRunbookRun({ ...common, runbookId: entry.id, access: "none" });
}

// src/schedules/create-scheduler.ts
function createScheduler(options) {
  const now = options.now ?? (() => /* @__PURE__ */ new Date());
  const cursors = /* @__PURE__ */ new Map();
  const queued = /* @__PURE__ */ new Map();
  const running = /* @__PURE__ */ new Set();
  let started = false;
  let timer = null;
  let stopped = false;
  let ticking = null;
  const track = (p) => {
    const settled = p.catch((err) => options.onError?.(err));
    running.add(settled);
    options.inflight?.add(settled);
    void settled.finally(() => {
      running.delete(settled);
      options.inflight?.delete(settled);
    });
  };
  async function tick() {
    const at = now();
    const tip = options.history.tip();
    if (!tip) return;
    const entries = listSchedules(
      [...options.history.definitionsAt("action", tip), ...options.history.definitionsAt("runbook", tip)],
      at,
      1
    );
    const startup = !started;
    if (startup) {
      await options.journal.refresh();
      pruneClaims(options.dataDir, at);
    }
    for (const entry of entries) {
      const key = scheduleKey(entry);
      if (!cursors.has(key))
        cursors.set(key, (startup ? await lastPlanned(options.journal, entry) : null) ?? at);
    }
    const plan = planFirings(entries, cursors, at, startup);
    started = true;
    for (const entry of entries) cursors.set(scheduleKey(entry), at);
    for (const m of plan.missed) await recordMissed(m.entry, m.count, m.first, m.last, at);
    for (const [key, q] of queued) {
      if (!await isBusy(options.journal, q.entry)) {
        queued.delete(key);
        await fire(q.entry, q.planned, q.tip);
      }
    }
    await Promise.all(plan.fire.map((f) => decide(f.entry, f.planned, tip)));
  }
  async function decide(entry, planned, tip) {
    if (entry.overlap !== "allow" && await isBusy(options.journal, entry)) {
      if (entry.overlap === "queue" && !queued.has(scheduleKey(entry))) {
        queued.set(scheduleKey(entry), { entry, planned, tip });
        options.onEvent?.(
          `${scheduleKey(entry)}: firing of ${planned.toISOString()} queued behind the running one`
        );
        return;
      }
      await appendOnce(
        scheduledRecord(entry, firingId(entry, planned), planned, now(), userOf(entry), {
          status: "skipped",
          error: `skipped: an earlier scheduled run of ${entry.kind} "${entry.id}" was still running (overlap: ${entry.overlap})`
        })
      );
      return;
    }
    await fire(entry, planned, tip);
  }
  async function fire(entry, planned, tip) {
    const id = firingId(entry, planned);
    const claimed = options.claim ? await options.claim(id) : claimFiring(options.dataDir, id);
    if (!claimed) return;
    try {
      const run = await startFiring(options, entry, planned, tip, id, now);
      options.onEvent?.(`${scheduleKey(entry)}: started ${id} planned at ${planned.toISOString()}`);
      track(run.done);
    } catch (err) {
      if (err instanceof OpsledgerError && err.code === "FIRING_CLAIMED") return;
      await appendOnce(
        scheduledRecord(entry, id, planned, now(), userOf(entry), {
          status: "failed",
          error: `the scheduled run could not start: ${err.message}`
        })
      ).catch(() => void 0);
      options.onError?.(err);
    }
  }
  async function recordMissed(entry, count, first, last, at) {
    const id = firingId(entry, first, "missed");
    const appended = await appendOnce(missedRecord(entry, id, count, first, last, at, userOf(entry)));
    if (appended) options.onEvent?.(`${scheduleKey(entry)}: ${count} missed firing(s) recorded`);
  }
  function userOf(entry) {
    return options.serviceUser ?? entry.owner;
  }
  function appendOnce(input) {
    return options.journal.appendIf(input, (latest) => latest === null);
  }
  function loop() {
    if (stopped) return;
    ticking = tick().catch((err) => options.onError?.(err)).finally(() => {
      ticking = null;
      if (stopped) return;
      timer = setTimeout(loop, sleepMs());
    });
  }
  function sleepMs() {
    const max = options.maxSleepMs ?? 1e3;
    const tip = options.history.tip();
    if (!tip) return max;
    const at = now();
    const next = listSchedules(
      [...options.history.definitionsAt("action", tip), ...options.history.definitionsAt("runbook", tip)],
      at,
      1
    ).map((e) => e.next[0] ? Date.parse(e.next[0]) : Infinity).reduce((a, b) => Math.min(a, b), Infinity);
    return Math.max(5, Math.min(max, next - at.getTime() + 1));
  }
  return {
    tick: () => tick(),
    start: () => loop(),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await ticking;
      await Promise.allSettled([...running]);
    }
  };
}

// src/cli/serve-workers.ts
function asWorker(name, w) {
  return { name, start: () => w.start(), stop: () => w.stop() };
}
function serveWorkers(ctx, config, deps, logger, options) {
  return [
    // Webhook deliveries from the durable outbox (docs/alerts.md); stopped again by deps.close().
    asWorker("webhook delivery", deps.deliveryWorker),
    ...[options.exporter(deps.history)].flatMap((e) => e ? [asWorker("export", e)] : []),
    // Scheduled actions and runbooks (docs/schedules.md); several services may share one journal.
    ...!options.scheduler ? [] : [
      asWorker(
        "scheduler",
        createScheduler({
          repo: ctx.repo,
          dataDir: ctx.dataDir,
          branch: config.branch,
          definitionsDir: config.paths.definitions,
          journal: deps.journal,
          history: deps.history,
          env: ctx.env,
          now: ctx.now,
          ...config.schedules.service_identity ? { serviceUser: config.schedules.service_identity } : {},
          inflight: deps.inflightRuns,
          // Several services on one PostgreSQL journal claim each firing there (docs/postgres.md).
          ...deps.claimFiring ? { claim: deps.claimFiring } : {},
          onEvent: (message) => logger.info({ scheduler: true }, message),
          onError: (err) => logger.error({ err }, "scheduled run failed")
        })
      )
    ]
  ];
}

// src/cli/commands/serve.ts
var DEFAULT_GRACE_SECONDS = 30;
function printFirstKey(ctx, first) {
  ctx.out.line(
    [
      `opsledger: no API keys existed, so this admin key was created for ${first.user} (id ${first.id}, expires ${first.expires_at}).`,
      "It is shown this once and never again; store it now:",
      "",
      first.key,
      "",
      'Send it as "Authorization: Bearer <key>"; create more with `opsledger keys create --user EMAIL --name NAME`.'
    ].join("\n")
  );
}
var serveCommand = (program, app) => {
  program.command("serve").description("serve the REST API: audit and execution logs, self-service runs, reports (127.0.0.1:8080)").option("--host <host>", "address to listen on", "127.0.0.1").option("--port <port>", "port to listen on (0: any free port)", "8080").addOption(
    new Option("--log-level <level>", "request log level (JSON lines on stderr)").choices(["fatal", "error", "warn", "info", "debug", "silent"]).default("info")
  ).option(
    "--shutdown-grace <seconds>",
    "on SIGTERM/SIGINT, wait this long for requests and runs",
    String(DEFAULT_GRACE_SECONDS)
  ).option("--no-scheduler", "do not start scheduled runs (docs/schedules.md)").option(
    "--trust-proxy <value>",
    "behind a reverse proxy: true, a hop count, or proxy addresses/subnets (default: server.trust_proxy, false)"
  ).option("--allow-shallow", "serve a shallow clone as a partial history instead of refusing to start").addHelpText(
    "after",
    `
On the first start with no API keys, one admin key is created and printed once on stdout.
Logs are JSON lines on stderr (pino); Authorization headers and keys are never logged.

Examples:
  $ opsledger serve
  $ opsledger serve --host 0.0.0.0 --port 9000 --log-level warn
  $ opsledger serve --trust-proxy loopback                   # behind nginx on the same host
  $ curl -H "Authorization: Bearer $KEY" http://127.0.0.1:8080/api/v1/executions?limit=10
  $ open http://127.0.0.1:8080/api/v1/docs`
  ).action(
    app.action(async (ctx, options) => {
      const port = parseWholeNumber("--port", options.port, {
        min: 0,
        max: 65535,
        code: "USAGE",
        expected: "0-65535"
      });
      const graceMs = Number(options.shutdownGrace) * 1e3;
      if (!Number.isFinite(graceMs) || graceMs < 0) {
        throw new OpsledgerError("USAGE", `--shutdown-grace ${options.shutdownGrace}: expected seconds`);
      }
      const logger = createServeLogger(options.logLevel);
      keepRunningOnClosedPipes();
      const config = options.trustProxy === void 0 ? ctx.config : { ...ctx.config, server: { ...ctx.config.server, trust_proxy: options.trustProxy } };
      parseTrustProxy(
        config.server.trust_proxy,
        options.trustProxy === void 0 ? "server.trust_proxy" : "--trust-proxy"
      );
      assertDataDirOutside(
        ctx.dataDir,
        path7.resolve(ctx.repo, config.paths.reports),
        "the reports folder that serve publishes",
        ctx.repo
      );
      setLockWaitReporter((message) => logger.warn(message));
      const exportModule = config.export ? await import("./export-E4LLSTAT.js") : null;
      const exporter = (history) => exportModule?.openServeExport(ctx, config, history, logger) ?? null;
      const server = await startServer({
        repo: ctx.repo,
        dataDir: ctx.dataDir,
        databaseUrl: journalUrl(ctx),
        config,
        logger,
        env: ctx.env,
        now: ctx.now,
        host: options.host,
        port,
        graceMs,
        allowShallow: options.allowShallow === true,
        workers: (deps) => serveWorkers(ctx, config, deps, logger, {
          scheduler: options.scheduler !== false,
          exporter
        })
      });
      if (server.firstKey) printFirstKey(ctx, server.firstKey);
      ctx.out.info(`opsledger serve: listening on ${server.url} (docs: /api/v1/docs, repo ${ctx.repo})`);
      const stopped = await new Promise((resolve) => {
        for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"])
          process.once(signal, () => resolve(signal));
      });
      ctx.out.info(`opsledger serve: ${stopped}, finishing in-flight requests and runs`);
      await server.close(`opsledger serve received ${stopped} and its grace period ended`);
      logger.flush();
      ctx.out.info("opsledger serve: stopped");
      return EXIT.ok;
    })
  );
};
export {
  serveCommand
};
