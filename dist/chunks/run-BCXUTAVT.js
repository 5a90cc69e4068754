import {
  abortOnSignals,
  cliInitiator,
  collect,
  parseParams,
  renderRunResult,
  runCommand,
  warnIfDataDirTracked
} from "./chunk-MDTNNWEQ.js";
import "./chunk-JZKS4YXY.js";
import "./chunk-HZPRYBOI.js";
import "./chunk-JNKSSK3P.js";
import "./chunk-ZCV3GJHD.js";
import "./chunk-WQYVZNX4.js";
import "./chunk-3VGSKYEF.js";
import "./chunk-ZPDRYPGO.js";
import "./chunk-3WC6VLXB.js";
import "./chunk-JFRZPIBP.js";
import "./chunk-CYK6DBGF.js";
import "./chunk-EZB2VO3F.js";
import "./chunk-ZUJ3NRR6.js";
import "./chunk-VGAUYGFZ.js";
import "./chunk-CJMVQHXB.js";
import "./chunk-A3DDQ65D.js";
import "./chunk-3WP3FRZJ.js";
import "./chunk-FFOSYV7O.js";
import "./chunk-UIYB5VJN.js";
export {
  abortOnSignals,
  cliInitiator,
  collect,
  parseParams,
  renderRunResult,
  runCommand,
  warnIfDataDirTracked
};
