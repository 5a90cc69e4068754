import {
  checkSchema,
  parseDefinition
} from "./chunk-A3DDQ65D.js";
import "./chunk-3WP3FRZJ.js";
import "./chunk-FFOSYV7O.js";
import "./chunk-UIYB5VJN.js";
export {
  checkSchema,
  parseDefinition
};
