import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  renderRunResult,
  runCommand
} from "./chunk-X7G7U6JT.js";
import {
  abortOnSignals,
  cliInitiator,
  collect,
  parseParams,
  warnIfDataDirTracked
} from "./chunk-T7BPZ32K.js";
import "./chunk-BYHKUXF3.js";
import "./chunk-OZ33V5E6.js";
import "./chunk-MHOBJDIL.js";
import "./chunk-CUM5KHNC.js";
import "./chunk-X5YL2E2J.js";
import "./chunk-R6S2JVID.js";
import "./chunk-SXL2IPYL.js";
import "./chunk-Q224RAXR.js";
import "./chunk-B25MYGMP.js";
import "./chunk-M2SZ7O6D.js";
import "./chunk-OGBJWWDS.js";
import "./chunk-AIW22BDI.js";
import "./chunk-AC2GCYYB.js";
import "./chunk-7PGBFK6Q.js";
import "./chunk-PTKPLSRX.js";
import "./chunk-MFKQMSZW.js";
import "./chunk-J24Z7EYR.js";
import "./chunk-5KJ5RBNP.js";
import "./chunk-H4PTJQOI.js";
import "./chunk-AZB76AIK.js";
import "./chunk-AJLMV2OV.js";
import "./chunk-GJDZF65N.js";
import "./chunk-LCEW6A7X.js";
import "./chunk-BX7OU6HI.js";
import "./chunk-GWVAJS6C.js";
import "./chunk-WZDA3NE5.js";
import "./chunk-VNBCCT37.js";
import "./chunk-V677AJUR.js";
import "./chunk-ALQRSEFI.js";
import "./chunk-5BWQL3O2.js";
import "./chunk-PDKNMFNR.js";
import "./chunk-ZXXAURYE.js";
import "./chunk-CS6MV332.js";
import "./chunk-TSVG2TPW.js";
import "./chunk-QMZTY3NV.js";
import "./chunk-LADN5ZA4.js";
import "./chunk-TPDN7NRD.js";
import "./chunk-5HJ3J6EK.js";
export {
  abortOnSignals,
  cliInitiator,
  collect,
  parseParams,
  renderRunResult,
  runCommand,
  warnIfDataDirTracked
};
