import {
  abortOnSignals,
  cliInitiator,
  collect,
  parseParams,
  renderRunResult,
  runCommand,
  warnIfDataDirTracked
} from "./chunk-IWDLIZNC.js";
import "./chunk-D6ZQHJBP.js";
import "./chunk-ARCIRLTZ.js";
import "./chunk-L6EXZ2L7.js";
import "./chunk-CSV43MNF.js";
import "./chunk-SDCSLAHB.js";
import "./chunk-3VGSKYEF.js";
import "./chunk-7DENN6A4.js";
import "./chunk-RPAEGFLK.js";
import "./chunk-4OBJOMBV.js";
import "./chunk-IIOGQGVS.js";
import "./chunk-EZB2VO3F.js";
import "./chunk-JIISAF5R.js";
import "./chunk-ZPDRYPGO.js";
import "./chunk-EVEO6ROG.js";
import "./chunk-WUE3J4Q4.js";
import "./chunk-BF4DZCEO.js";
import "./chunk-7NEPKNOP.js";
import "./chunk-KUJDV7QZ.js";
import "./chunk-3WP3FRZJ.js";
import "./chunk-6H6KQRZZ.js";
import "./chunk-PKKLGIFI.js";
import "./chunk-WU5ATW4C.js";
import "./chunk-LZZRWE6Y.js";
import "./chunk-5GMYRA7S.js";
export {
  abortOnSignals,
  cliInitiator,
  collect,
  parseParams,
  renderRunResult,
  runCommand,
  warnIfDataDirTracked
};
