import {
  checkSchema,
  parseDefinition
} from "./chunk-EXHUYKBE.js";
import "./chunk-3WP3FRZJ.js";
import "./chunk-PWPYHJQF.js";
import "./chunk-5GMYRA7S.js";
export {
  checkSchema,
  parseDefinition
};
