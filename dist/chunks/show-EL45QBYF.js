import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  parseVersion,
  showCommand,
  versionOf
} from "./chunk-NDCASDXA.js";
import "./chunk-JFYPIJNT.js";
import "./chunk-56R7CRK2.js";
import "./chunk-7PGBFK6Q.js";
import "./chunk-PTKPLSRX.js";
import "./chunk-MFKQMSZW.js";
import "./chunk-J24Z7EYR.js";
import "./chunk-5KJ5RBNP.js";
import "./chunk-2XTTSNBM.js";
import "./chunk-LCEW6A7X.js";
import "./chunk-VNBCCT37.js";
import "./chunk-PDKNMFNR.js";
import "./chunk-ZXXAURYE.js";
import "./chunk-CS6MV332.js";
import "./chunk-TSVG2TPW.js";
import "./chunk-5HJ3J6EK.js";
export {
  parseVersion,
  showCommand,
  versionOf
};
