import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  MAX_DEFINITION_BYTES,
  locatePointer,
  parseYaml
} from "./chunk-QMZTY3NV.js";
import "./chunk-5HJ3J6EK.js";
export {
  MAX_DEFINITION_BYTES,
  locatePointer,
  parseYaml
};
