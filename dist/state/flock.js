import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  FileFlock,
  acquireFlock,
  withFlock
} from "../chunks/chunk-CS6MV332.js";
import {
  setLockWaitReporter
} from "../chunks/chunk-TSVG2TPW.js";
import "../chunks/chunk-5HJ3J6EK.js";
export {
  FileFlock,
  acquireFlock,
  setLockWaitReporter,
  withFlock
};
