import {
  abortOnSignals,
  cliInitiator,
  collect,
  parseParams,
  renderRunResult,
  runCommand,
  warnIfDataDirTracked
} from "./chunk-EVO3DIX5.js";
import "./chunk-3ZHR6LBT.js";
import "./chunk-45Y35QGZ.js";
import "./chunk-JWVHI6BA.js";
import "./chunk-EVIZ2GS6.js";
import "./chunk-5XJXVHQG.js";
import "./chunk-3VGSKYEF.js";
import "./chunk-7DENN6A4.js";
import "./chunk-RPAEGFLK.js";
import "./chunk-DYK2PV6R.js";
import "./chunk-XYJU7AQX.js";
import "./chunk-GVAA424S.js";
import "./chunk-PZZC6I7U.js";
import "./chunk-EZB2VO3F.js";
import "./chunk-JIISAF5R.js";
import "./chunk-ZPDRYPGO.js";
import "./chunk-E2TQWX3D.js";
import "./chunk-WUE3J4Q4.js";
import "./chunk-ENVYPEKI.js";
import "./chunk-WFF4A6QU.js";
import "./chunk-7NEPKNOP.js";
import "./chunk-KUJDV7QZ.js";
import "./chunk-3WP3FRZJ.js";
import "./chunk-QRMFC6CV.js";
import "./chunk-JD7RSV3D.js";
import "./chunk-WTWPPEOB.js";
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
