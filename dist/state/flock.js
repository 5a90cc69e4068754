function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  FileFlock,
  acquireFlock,
  withFlock
} from "../chunks/chunk-75FD6FCD.js";
import {
  setLockWaitReporter
} from "../chunks/chunk-UC4CDG3P.js";
import "../chunks/chunk-N5OJQZGE.js";
import "../chunks/chunk-RAK6EWF2.js";
export {
  FileFlock,
  acquireFlock,
  setLockWaitReporter,
  withFlock
};
