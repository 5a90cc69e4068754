import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  readCheckpoints,
  readHead,
  streamRows
} from "./chunk-QCTYBKLQ.js";
import "./chunk-5HJ3J6EK.js";
export {
  readCheckpoints,
  readHead,
  streamRows
};
