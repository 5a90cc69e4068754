function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  checkSchema,
  parseDefinition
} from "./chunk-5KF3PLY2.js";
import "./chunk-GXLWHR6R.js";
import "./chunk-M2VQNUJS.js";
import "./chunk-TFVGISEO.js";
import "./chunk-RAK6EWF2.js";
export {
  checkSchema,
  parseDefinition
};
