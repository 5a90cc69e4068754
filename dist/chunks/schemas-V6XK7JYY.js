function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  SCHEMA_FILES,
  SHIPPED_SCHEMA_DIR,
  compileValidators,
  describeSchemaError,
  loadValidators,
  usefulErrors
} from "./chunk-F7Z67YSW.js";
import "./chunk-ZIHEP524.js";
import "./chunk-RAK6EWF2.js";
export {
  SCHEMA_FILES,
  SHIPPED_SCHEMA_DIR,
  compileValidators,
  describeSchemaError,
  loadValidators,
  usefulErrors
};
