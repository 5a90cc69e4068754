function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  LOCK_KEY_SQL,
  createPool,
  databaseError,
  inTransaction,
  isConnectionLost,
  queryRetried,
  redactUrl
} from "./chunk-N2NO6Y7I.js";
import "./chunk-WDLZ6EAF.js";
import "./chunk-RAK6EWF2.js";
export {
  LOCK_KEY_SQL,
  createPool,
  databaseError,
  inTransaction,
  isConnectionLost,
  queryRetried,
  redactUrl
};
