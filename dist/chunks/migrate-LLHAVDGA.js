function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  assertSchemaCurrent,
  migrate,
  schemaVersion
} from "./chunk-ZC6YI5KP.js";
import "./chunk-7ETXC42Y.js";
import "./chunk-5JQK27IH.js";
import "./chunk-WDLZ6EAF.js";
import "./chunk-RAK6EWF2.js";
export {
  assertSchemaCurrent,
  migrate,
  schemaVersion
};
