function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  checkSchema,
  parseDefinition
} from "./chunk-3QHPOM3G.js";
import "./chunk-WFX6SKJH.js";
import "./chunk-LMPDQJV4.js";
import "./chunk-M2VQNUJS.js";
import "./chunk-R37CJAMM.js";
import "./chunk-TFVGISEO.js";
import "./chunk-RAK6EWF2.js";
export {
  checkSchema,
  parseDefinition
};
