function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  checkSchema,
  parseDefinition
} from "./chunk-S6AURAXE.js";
import "./chunk-PD3DXNQB.js";
import "./chunk-DVI3VG4T.js";
import "./chunk-M2VQNUJS.js";
import "./chunk-XVUVGPBM.js";
import "./chunk-TFVGISEO.js";
import "./chunk-RAK6EWF2.js";
export {
  checkSchema,
  parseDefinition
};
