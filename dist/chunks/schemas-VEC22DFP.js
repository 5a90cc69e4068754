function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  SCHEMA_FILES,
  SHIPPED_SCHEMA_DIR,
  compileValidators,
  createAjv,
  describeSchemaError,
  loadValidators,
  usefulErrors
} from "./chunk-PD3DXNQB.js";
import "./chunk-DVI3VG4T.js";
import "./chunk-M2VQNUJS.js";
import "./chunk-XVUVGPBM.js";
import "./chunk-RAK6EWF2.js";
export {
  SCHEMA_FILES,
  SHIPPED_SCHEMA_DIR,
  compileValidators,
  createAjv,
  describeSchemaError,
  loadValidators,
  usefulErrors
};
