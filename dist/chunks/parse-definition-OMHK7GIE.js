function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  checkSchema,
  parseDefinition
} from "./chunk-PEN3FHEJ.js";
import "./chunk-J7SPUE3Q.js";
import "./chunk-5EEFVU5U.js";
import "./chunk-M2VQNUJS.js";
import "./chunk-SMWZYUQH.js";
import "./chunk-6O2CUPPL.js";
import "./chunk-O64KD3H5.js";
import "./chunk-N5OJQZGE.js";
import "./chunk-RAK6EWF2.js";
export {
  checkSchema,
  parseDefinition
};
