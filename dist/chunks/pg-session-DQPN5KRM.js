import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  openPgSession
} from "./chunk-LLDB4AZQ.js";
import "./chunk-5HJ3J6EK.js";
export {
  openPgSession
};
