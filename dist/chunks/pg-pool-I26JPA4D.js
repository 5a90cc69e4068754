function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  LOCK_KEY_SQL,
  createPool,
  databaseError,
  inTransaction,
  redactUrl
} from "./chunk-7ETXC42Y.js";
import "./chunk-WDLZ6EAF.js";
import "./chunk-RAK6EWF2.js";
export {
  LOCK_KEY_SQL,
  createPool,
  databaseError,
  inTransaction,
  redactUrl
};
