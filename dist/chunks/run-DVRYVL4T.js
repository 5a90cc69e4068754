import {
  abortOnSignals,
  cliInitiator,
  collect,
  parseParams,
  renderRunResult,
  runCommand,
  warnIfDataDirTracked
} from "./chunk-QKTVAE4Y.js";
import "./chunk-REZNVGPD.js";
import "./chunk-FF7QHII4.js";
import "./chunk-JWVHI6BA.js";
import "./chunk-EVIZ2GS6.js";
import "./chunk-2UCWNUHY.js";
import "./chunk-3VGSKYEF.js";
import "./chunk-7DENN6A4.js";
import "./chunk-RPAEGFLK.js";
import "./chunk-J2IP6NA2.js";
import "./chunk-KPQOTHYF.js";
import "./chunk-XYJU7AQX.js";
import "./chunk-GVAA424S.js";
import "./chunk-ZV5OUC6N.js";
import "./chunk-JIISAF5R.js";
import "./chunk-ANG7WQ2Z.js";
import "./chunk-QRMFC6CV.js";
import "./chunk-JD7RSV3D.js";
import "./chunk-IQAPK76P.js";
import "./chunk-P4CNIMT5.js";
import "./chunk-WUE3J4Q4.js";
import "./chunk-T3AJ2QK5.js";
import "./chunk-WFF4A6QU.js";
import "./chunk-WTWPPEOB.js";
import "./chunk-E57XOVAZ.js";
import "./chunk-W3QUCTQE.js";
import "./chunk-KUJDV7QZ.js";
import "./chunk-3WP3FRZJ.js";
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
