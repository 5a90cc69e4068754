function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  FileFlock,
  acquireFlock,
  withFlock
} from "../chunks/chunk-4656LTD7.js";
import {
  setLockWaitReporter
} from "../chunks/chunk-UC4CDG3P.js";
import "../chunks/chunk-RAK6EWF2.js";
export {
  FileFlock,
  acquireFlock,
  setLockWaitReporter,
  withFlock
};
