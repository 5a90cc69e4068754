import {
  abortOnSignals,
  cliInitiator,
  collect,
  parseParams,
  renderRunResult,
  runCommand,
  warnIfDataDirTracked
} from "./chunk-62X24ORA.js";
import "./chunk-DUBLHEAJ.js";
import "./chunk-GH7DWIEG.js";
import "./chunk-JWVHI6BA.js";
import "./chunk-EVIZ2GS6.js";
import "./chunk-7U26ZHFO.js";
import "./chunk-3VGSKYEF.js";
import "./chunk-7DENN6A4.js";
import "./chunk-RPAEGFLK.js";
import "./chunk-AIX5ODYH.js";
import "./chunk-XYJU7AQX.js";
import "./chunk-GVAA424S.js";
import "./chunk-ZV5OUC6N.js";
import "./chunk-JIISAF5R.js";
import "./chunk-ZPDRYPGO.js";
import "./chunk-QRMFC6CV.js";
import "./chunk-JD7RSV3D.js";
import "./chunk-LJ6FKL5E.js";
import "./chunk-P4CNIMT5.js";
import "./chunk-WUE3J4Q4.js";
import "./chunk-23VBNFS5.js";
import "./chunk-WFF4A6QU.js";
import "./chunk-WTWPPEOB.js";
import "./chunk-TERWGAGP.js";
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
