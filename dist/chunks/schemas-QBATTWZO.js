function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  SCHEMA_FILES,
  SHIPPED_SCHEMA_DIR,
  compileValidators,
  describeSchemaError,
  loadValidators,
  usefulErrors
} from "./chunk-CDHTLKPG.js";
import "./chunk-EVQIWPD2.js";
import "./chunk-RAK6EWF2.js";
export {
  SCHEMA_FILES,
  SHIPPED_SCHEMA_DIR,
  compileValidators,
  describeSchemaError,
  loadValidators,
  usefulErrors
};
