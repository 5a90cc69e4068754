function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  readCheckpoints,
  readHead,
  streamRows
} from "./chunk-GNUWZPRQ.js";
import "./chunk-RAK6EWF2.js";
export {
  readCheckpoints,
  readHead,
  streamRows
};
