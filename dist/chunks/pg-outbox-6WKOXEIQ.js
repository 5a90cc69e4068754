import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  openPgOutbox
} from "./chunk-AO2ZIPP4.js";
import "./chunk-JMSCZSHR.js";
import "./chunk-ZXXAURYE.js";
import "./chunk-5HJ3J6EK.js";
export {
  openPgOutbox
};
