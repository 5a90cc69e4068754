function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  SCHEMA_FILES,
  SHIPPED_SCHEMA_DIR,
  compileValidators,
  createAjv,
  describeSchemaError,
  loadValidators,
  usefulErrors
} from "./chunk-5HU7H5PQ.js";
import "./chunk-KJG6KH2Q.js";
import "./chunk-M2VQNUJS.js";
import "./chunk-J746XUIK.js";
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
