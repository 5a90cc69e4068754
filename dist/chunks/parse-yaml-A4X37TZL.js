import {
  MAX_DEFINITION_BYTES,
  locatePointer,
  parseYaml
} from "./chunk-3WP3FRZJ.js";
export {
  MAX_DEFINITION_BYTES,
  locatePointer,
  parseYaml
};
