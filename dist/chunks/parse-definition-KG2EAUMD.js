function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  checkSchema,
  parseDefinition
} from "./chunk-XBUNKA6H.js";
import "./chunk-42M553KZ.js";
import "./chunk-5EEFVU5U.js";
import "./chunk-M2VQNUJS.js";
import "./chunk-SMWZYUQH.js";
import "./chunk-TFVGISEO.js";
import "./chunk-RAK6EWF2.js";
export {
  checkSchema,
  parseDefinition
};
