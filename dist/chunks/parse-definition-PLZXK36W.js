function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  checkSchema,
  parseDefinition
} from "./chunk-FTJSAXDQ.js";
import "./chunk-F7Z67YSW.js";
import "./chunk-ZIHEP524.js";
import "./chunk-TFVGISEO.js";
import "./chunk-RAK6EWF2.js";
export {
  checkSchema,
  parseDefinition
};
