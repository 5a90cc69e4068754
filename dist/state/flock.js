import {
  FileFlock,
  acquireFlock,
  setLockWaitReporter,
  withFlock
} from "../chunks/chunk-TERWGAGP.js";
export {
  FileFlock,
  acquireFlock,
  setLockWaitReporter,
  withFlock
};
