import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  LATEST_SCHEMA_VERSION,
  MIGRATIONS
} from "./chunk-DDF5DXL4.js";
import "./chunk-5HJ3J6EK.js";
export {
  LATEST_SCHEMA_VERSION,
  MIGRATIONS
};
