import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  isDatabaseUrl,
  openJournalAt,
  parseJournalTarget,
  resolveDatabaseUrl
} from "../chunks/chunk-BX7OU6HI.js";
import "../chunks/chunk-GWVAJS6C.js";
import "../chunks/chunk-WZDA3NE5.js";
import "../chunks/chunk-VNBCCT37.js";
import "../chunks/chunk-V677AJUR.js";
import "../chunks/chunk-ALQRSEFI.js";
import "../chunks/chunk-5BWQL3O2.js";
import "../chunks/chunk-PDKNMFNR.js";
import "../chunks/chunk-ZXXAURYE.js";
import "../chunks/chunk-CS6MV332.js";
import "../chunks/chunk-TSVG2TPW.js";
import "../chunks/chunk-5HJ3J6EK.js";
export {
  isDatabaseUrl,
  openJournalAt,
  parseJournalTarget,
  resolveDatabaseUrl
};
