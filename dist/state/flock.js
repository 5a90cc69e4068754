import {
  FileFlock,
  acquireFlock,
  withFlock
} from "../chunks/chunk-E57XOVAZ.js";
import {
  setLockWaitReporter
} from "../chunks/chunk-W3QUCTQE.js";
export {
  FileFlock,
  acquireFlock,
  setLockWaitReporter,
  withFlock
};
