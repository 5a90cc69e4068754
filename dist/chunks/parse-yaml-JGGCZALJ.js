function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  MAX_DEFINITION_BYTES,
  locatePointer,
  parseYaml
} from "./chunk-O64KD3H5.js";
import "./chunk-N5OJQZGE.js";
import "./chunk-RAK6EWF2.js";
export {
  MAX_DEFINITION_BYTES,
  locatePointer,
  parseYaml
};
