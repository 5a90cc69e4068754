function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  openState
} from "./chunk-2TXRGXLB.js";
import {
  OpsledgerError
} from "./chunk-WDLZ6EAF.js";

// src/state/hmac-key.ts
import { createHmac, randomBytes } from "node:crypto";
var SECRETS_COLLECTION = "secrets";
async function loadHmacKey(state, now = () => /* @__PURE__ */ new Date()) {
  const existing = await state.read(SECRETS_COLLECTION, () => ({}));
  if (existing.hmac_key) return Buffer.from(existing.hmac_key, "base64");
  const key = await state.update(
    SECRETS_COLLECTION,
    () => ({}),
    (data) => {
      if (!data.hmac_key) {
        data.hmac_key = randomBytes(32).toString("base64");
        data.created_at = now().toISOString();
      }
      return data.hmac_key;
    }
  );
  return Buffer.from(key, "base64");
}
function hmacSecret(key, value) {
  return createHmac("sha256", key).update(value, "utf8").digest("hex");
}
async function loadSecretKey(dataDir, now) {
  try {
    return await loadHmacKey(openState(dataDir), now);
  } catch (err) {
    throw new OpsledgerError(
      "JOURNAL_UNAVAILABLE",
      `cannot read the key for secret parameters: ${err.message}`,
      {
        cause: err
      }
    );
  }
}

export {
  loadHmacKey,
  hmacSecret,
  loadSecretKey
};
