function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  checkSchema,
  parseDefinition
} from "./chunk-YR4I3GCB.js";
import "./chunk-CDHTLKPG.js";
import "./chunk-EVQIWPD2.js";
import "./chunk-TFVGISEO.js";
import "./chunk-RAK6EWF2.js";
export {
  checkSchema,
  parseDefinition
};
