import {
  abortOnSignals,
  cliInitiator,
  collect,
  parseParams,
  renderRunResult,
  runCommand,
  warnIfDataDirTracked
} from "./chunk-J62JLG5E.js";
import "./chunk-PHN4I2T7.js";
import "./chunk-HZPRYBOI.js";
import "./chunk-WQYVZNX4.js";
import "./chunk-3VGSKYEF.js";
import "./chunk-WQQBHETK.js";
import "./chunk-ZCV3GJHD.js";
import "./chunk-EZB2VO3F.js";
import "./chunk-ZPDRYPGO.js";
import "./chunk-3WC6VLXB.js";
import "./chunk-JFRZPIBP.js";
import "./chunk-CYK6DBGF.js";
import "./chunk-EXHUYKBE.js";
import "./chunk-3WP3FRZJ.js";
import "./chunk-ZUJ3NRR6.js";
import "./chunk-VGAUYGFZ.js";
import "./chunk-CJMVQHXB.js";
import "./chunk-PWPYHJQF.js";
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
