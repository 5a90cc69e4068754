import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  checkSchema,
  parseDefinition
} from "./chunk-AC2GCYYB.js";
import "./chunk-QMZTY3NV.js";
import "./chunk-LADN5ZA4.js";
import "./chunk-TPDN7NRD.js";
import "./chunk-5HJ3J6EK.js";
export {
  checkSchema,
  parseDefinition
};
