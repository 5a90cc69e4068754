function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  LATEST_SCHEMA_VERSION,
  MIGRATIONS
} from "./chunk-QBPAMMMN.js";
import "./chunk-RAK6EWF2.js";
export {
  LATEST_SCHEMA_VERSION,
  MIGRATIONS
};
