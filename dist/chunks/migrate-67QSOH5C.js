function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  assertSchemaCurrent,
  migrate,
  schemaVersion
} from "./chunk-I52HO53W.js";
import "./chunk-N2NO6Y7I.js";
import "./chunk-QBPAMMMN.js";
import "./chunk-WDLZ6EAF.js";
import "./chunk-RAK6EWF2.js";
export {
  assertSchemaCurrent,
  migrate,
  schemaVersion
};
