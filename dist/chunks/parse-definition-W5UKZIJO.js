import {
  checkSchema,
  parseDefinition
} from "./chunk-KUJDV7QZ.js";
import "./chunk-3WP3FRZJ.js";
import "./chunk-LZZRWE6Y.js";
import "./chunk-5GMYRA7S.js";
export {
  checkSchema,
  parseDefinition
};
