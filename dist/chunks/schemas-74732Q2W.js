import {
  SCHEMA_FILES,
  SHIPPED_SCHEMA_DIR,
  compileValidators,
  describeSchemaError,
  loadValidators,
  usefulErrors
} from "./chunk-LZZRWE6Y.js";
import "./chunk-5GMYRA7S.js";
export {
  SCHEMA_FILES,
  SHIPPED_SCHEMA_DIR,
  compileValidators,
  describeSchemaError,
  loadValidators,
  usefulErrors
};
