function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  LOCK_KEY_SQL,
  inTransaction
} from "./chunk-N2NO6Y7I.js";
import {
  OpsledgerError
} from "./chunk-WDLZ6EAF.js";

// src/access/parse-expiry.ts
var UNIT_MS = {
  h: 36e5,
  d: 864e5,
  w: 7 * 864e5,
  y: 365 * 864e5
};
function parseExpiry(text, now) {
  const t = text.trim();
  if (t === "never") return null;
  const m = /^(\d{1,6})([hdwy])$/.exec(t);
  if (m) {
    const ms = Number(m[1]) * UNIT_MS[m[2]];
    if (ms <= 0) throw new OpsledgerError("INPUT_INVALID", `--expires ${text}: must be in the future`);
    return new Date(now.getTime() + ms).toISOString();
  }
  if (/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(t)) {
    const at = new Date(t);
    if (Number.isNaN(at.getTime()))
      throw new OpsledgerError("INPUT_INVALID", `--expires ${text}: not a date`);
    if (at.getTime() <= now.getTime()) {
      throw new OpsledgerError("INPUT_INVALID", `--expires ${text}: that time has passed`);
    }
    return at.toISOString();
  }
  throw new OpsledgerError(
    "INPUT_INVALID",
    `--expires ${text}: expected e.g. 90d, 12h, 8w, 1y, an ISO date or never`,
    {
      hint: "Pass --expires 90d for a key valid 90 days, or --expires never."
    }
  );
}

// src/access/key-store.ts
function summarizeKey(record) {
  const { hash: _hash, ...rest } = record;
  return rest;
}

// src/access/open-key-store.ts
import { statSync } from "node:fs";

// src/access/api-key.ts
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { crc32 } from "node:zlib";
var API_KEY_PREFIX = "olk";
var ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
var KEY_RE = /^olk_([0-9a-f]{16})_([0-9A-Za-z]{43})_([0-9A-Za-z]{6})$/;
function toBase62(value, width) {
  let out = "";
  let v = value;
  while (v > 0n) {
    out = ALPHABET[Number(v % 62n)] + out;
    v /= 62n;
  }
  return out.padStart(width, "0");
}
function checksumOf(body) {
  return toBase62(BigInt(crc32(body)), 6);
}
function generateApiKey(random = randomBytes) {
  const id = random(8).toString("hex");
  const secret = toBase62(BigInt(`0x${random(32).toString("hex")}`), 43);
  const body = `${API_KEY_PREFIX}_${id}_${secret}`;
  return { id, key: `${body}_${checksumOf(body)}`, hash: hashSecret(secret) };
}
function parseApiKey(text) {
  const m = KEY_RE.exec(text);
  if (!m) return null;
  const [, id, secret, checksum] = m;
  if (checksumOf(`${API_KEY_PREFIX}_${id}_${secret}`) !== checksum) return null;
  return { id, secret };
}
function hashSecret(secret) {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}
function verifySecret(secret, storedHash) {
  const presented = Buffer.from(hashSecret(secret), "hex");
  const stored = Buffer.from(storedHash, "hex");
  return stored.length === presented.length && timingSafeEqual(presented, stored);
}

// src/access/open-key-store.ts
var KEYS_COLLECTION = "api-keys";
var empty = () => ({ keys: [] });
function openKeyStore(state) {
  let cache = null;
  const pending = /* @__PURE__ */ new Map();
  const stampOf = () => {
    try {
      const s = statSync(state.fileOf(KEYS_COLLECTION));
      return `${s.mtimeMs}:${s.size}:${s.ino}`;
    } catch {
      return "missing";
    }
  };
  const current = async () => {
    const stamp = stampOf();
    if (!cache || cache.stamp !== stamp) {
      const data = await state.read(KEYS_COLLECTION, empty);
      cache = { stamp, byId: new Map(data.keys.map((k) => [k.id, k])) };
    }
    return cache.byId;
  };
  return {
    async create(input, now) {
      const made = generateApiKey();
      const record = {
        id: made.id,
        name: input.name,
        user: input.user,
        hash: made.hash,
        created_at: now.toISOString(),
        created_by: input.created_by,
        expires_at: input.expires_at,
        revoked_at: null,
        last_used_at: null,
        rate_limit: input.rate_limit
      };
      await state.update(KEYS_COLLECTION, empty, (data) => {
        data.keys.push(record);
      });
      cache = null;
      return { record, key: made.key };
    },
    async list() {
      return [...(await current()).values()].map(
        (k) => pending.has(k.id) ? { ...k, last_used_at: pending.get(k.id) } : k
      );
    },
    async find(id) {
      return (await current()).get(id) ?? null;
    },
    async revoke(id, now) {
      const revoked = await state.update(KEYS_COLLECTION, empty, (data) => {
        const key = data.keys.find((k) => k.id === id);
        if (key && key.revoked_at === null) key.revoked_at = now.toISOString();
        return key ? { ...key } : null;
      });
      cache = null;
      if (!revoked) {
        throw new OpsledgerError("NOT_FOUND", `no API key "${id}"`, {
          hint: "List keys with `opsledger keys list`."
        });
      }
      return revoked;
    },
    touch(id, at) {
      pending.set(id, at.toISOString());
    },
    async flush() {
      if (pending.size === 0) return;
      const batch = new Map(pending);
      pending.clear();
      await state.update(KEYS_COLLECTION, empty, (data) => {
        for (const key of data.keys) {
          const at = batch.get(key.id);
          if (at && (key.last_used_at === null || key.last_used_at < at)) key.last_used_at = at;
        }
      });
    },
    async close() {
      await this.flush();
    }
  };
}

// src/access/pg-key-store.ts
var COLUMNS = "id, name, user_email, hash, created_at, created_by, expires_at, revoked_at, last_used_at, rate_limit";
var toRecord = (r) => ({
  id: r.id,
  name: r.name,
  user: r.user_email,
  hash: r.hash,
  created_at: r.created_at,
  created_by: r.created_by,
  expires_at: r.expires_at,
  revoked_at: r.revoked_at,
  last_used_at: r.last_used_at,
  rate_limit: r.rate_limit
});
function openPgKeyStore(pool) {
  const pending = /* @__PURE__ */ new Map();
  return {
    async create(input, now) {
      const made = generateApiKey();
      const res = await pool.query(
        `INSERT INTO api_keys (id, name, user_email, hash, created_at, created_by, expires_at, rate_limit)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb) RETURNING ${COLUMNS}`,
        [
          made.id,
          input.name,
          input.user,
          made.hash,
          now.toISOString(),
          input.created_by,
          input.expires_at,
          JSON.stringify(input.rate_limit)
        ]
      );
      return { record: toRecord(res.rows[0]), key: made.key };
    },
    async list() {
      const res = await pool.query(`SELECT ${COLUMNS} FROM api_keys ORDER BY ord`);
      return res.rows.map(toRecord).map((k) => pending.has(k.id) ? { ...k, last_used_at: pending.get(k.id) } : k);
    },
    async find(id) {
      const res = await pool.query(`SELECT ${COLUMNS} FROM api_keys WHERE id = $1`, [id]);
      return res.rows[0] ? toRecord(res.rows[0]) : null;
    },
    async revoke(id, now) {
      await pool.query("UPDATE api_keys SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL", [
        id,
        now.toISOString()
      ]);
      const found = await this.find(id);
      if (!found) {
        throw new OpsledgerError("NOT_FOUND", `no API key "${id}"`, {
          hint: "List keys with `opsledger keys list`."
        });
      }
      return found;
    },
    touch(id, at) {
      pending.set(id, at.toISOString());
    },
    async flush() {
      if (pending.size === 0) return;
      const batch = [...pending];
      pending.clear();
      await pool.query(
        `UPDATE api_keys k SET last_used_at = b.at FROM unnest($1::text[], $2::text[]) AS b(id, at)
         WHERE k.id = b.id AND (k.last_used_at IS NULL OR k.last_used_at < b.at)`,
        [batch.map(([id]) => id), batch.map(([, at]) => at)]
      );
    },
    async close() {
      await this.flush();
    },
    exclusive(fn) {
      return inTransaction(pool, async (client) => {
        await client.query(`SELECT pg_advisory_xact_lock(${LOCK_KEY_SQL("api_keys.bootstrap")})`);
        return fn();
      });
    }
  };
}

export {
  parseExpiry,
  parseApiKey,
  verifySecret,
  summarizeKey,
  openKeyStore,
  openPgKeyStore
};
