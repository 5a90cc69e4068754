function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  checkSchema,
  parseDefinition
} from "./chunk-W42WIA3Y.js";
import "./chunk-5HU7H5PQ.js";
import "./chunk-KJG6KH2Q.js";
import "./chunk-M2VQNUJS.js";
import "./chunk-J746XUIK.js";
import "./chunk-TFVGISEO.js";
import "./chunk-RAK6EWF2.js";
export {
  checkSchema,
  parseDefinition
};
