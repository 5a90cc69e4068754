function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  SCHEMA_FILES,
  SHIPPED_SCHEMA_DIR,
  compileValidators,
  describeSchemaError,
  loadValidators,
  usefulErrors
} from "./chunk-GXLWHR6R.js";
import "./chunk-M2VQNUJS.js";
import "./chunk-RAK6EWF2.js";
export {
  SCHEMA_FILES,
  SHIPPED_SCHEMA_DIR,
  compileValidators,
  describeSchemaError,
  loadValidators,
  usefulErrors
};
