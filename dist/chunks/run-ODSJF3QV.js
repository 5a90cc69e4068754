import {
  abortOnSignals,
  cliInitiator,
  collect,
  parseParams,
  renderRunResult,
  runCommand,
  warnIfDataDirTracked
} from "./chunk-A4QOT5ZZ.js";
import "./chunk-PZA5P5QH.js";
import "./chunk-GP5NVDAT.js";
import "./chunk-6NP36FCR.js";
import "./chunk-4C2CVCVL.js";
import "./chunk-IZURNYXW.js";
import "./chunk-3VGSKYEF.js";
import "./chunk-7DENN6A4.js";
import "./chunk-RPAEGFLK.js";
import "./chunk-XPMZB43L.js";
import "./chunk-ZCV3GJHD.js";
import "./chunk-EZB2VO3F.js";
import "./chunk-JIISAF5R.js";
import "./chunk-ZPDRYPGO.js";
import "./chunk-2LDXMQAW.js";
import "./chunk-VOJ4W2WK.js";
import "./chunk-JI5KSKF4.js";
import "./chunk-KUJDV7QZ.js";
import "./chunk-3WP3FRZJ.js";
import "./chunk-5AS7MQJX.js";
import "./chunk-ZKGRR5HY.js";
import "./chunk-AHBZ5ADF.js";
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
