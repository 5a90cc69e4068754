function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  openPgSession
} from "./chunk-YJZVNYMG.js";
import "./chunk-RAK6EWF2.js";
export {
  openPgSession
};
