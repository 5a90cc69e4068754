import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  SCHEMA_FILES,
  SHIPPED_SCHEMA_DIR,
  compileValidators,
  describeSchemaError,
  loadValidators,
  usefulErrors
} from "./chunk-LADN5ZA4.js";
import "./chunk-TPDN7NRD.js";
import "./chunk-5HJ3J6EK.js";
export {
  SCHEMA_FILES,
  SHIPPED_SCHEMA_DIR,
  compileValidators,
  describeSchemaError,
  loadValidators,
  usefulErrors
};
