import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  assertSchemaCurrent,
  migrate,
  schemaVersion
} from "./chunk-4XVA3HRS.js";
import "./chunk-JMSCZSHR.js";
import "./chunk-DDF5DXL4.js";
import "./chunk-ZXXAURYE.js";
import "./chunk-5HJ3J6EK.js";
export {
  assertSchemaCurrent,
  migrate,
  schemaVersion
};
