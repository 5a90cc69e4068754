import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  openState
} from "../chunks/chunk-5BWQL3O2.js";
import "../chunks/chunk-PDKNMFNR.js";
import "../chunks/chunk-ZXXAURYE.js";
import "../chunks/chunk-CS6MV332.js";
import "../chunks/chunk-TSVG2TPW.js";
import "../chunks/chunk-5HJ3J6EK.js";
export {
  openState
};
