import {
  SCHEMA_FILES,
  SHIPPED_SCHEMA_DIR,
  compileValidators,
  describeSchemaError,
  loadValidators,
  usefulErrors
} from "./chunk-FFOSYV7O.js";
import "./chunk-UIYB5VJN.js";
export {
  SCHEMA_FILES,
  SHIPPED_SCHEMA_DIR,
  compileValidators,
  describeSchemaError,
  loadValidators,
  usefulErrors
};
