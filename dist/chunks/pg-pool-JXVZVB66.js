import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  LOCK_KEY_SQL,
  createPool,
  databaseError,
  inTransaction,
  redactUrl
} from "./chunk-JMSCZSHR.js";
import "./chunk-ZXXAURYE.js";
import "./chunk-5HJ3J6EK.js";
export {
  LOCK_KEY_SQL,
  createPool,
  databaseError,
  inTransaction,
  redactUrl
};
