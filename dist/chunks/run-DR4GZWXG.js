import {
  abortOnSignals,
  cliInitiator,
  collect,
  parseParams,
  renderRunResult,
  runCommand,
  warnIfDataDirTracked
} from "./chunk-X24F2HSM.js";
import "./chunk-URRH2ZHH.js";
import "./chunk-KSFTDSSJ.js";
import "./chunk-XFIJF5IQ.js";
import "./chunk-BTZLVBYI.js";
import "./chunk-SKPTB42N.js";
import "./chunk-3VGSKYEF.js";
import "./chunk-7DENN6A4.js";
import "./chunk-RPAEGFLK.js";
import "./chunk-J2IP6NA2.js";
import "./chunk-XB2N47GE.js";
import "./chunk-XYJU7AQX.js";
import "./chunk-GVAA424S.js";
import "./chunk-ZV5OUC6N.js";
import "./chunk-JIISAF5R.js";
import "./chunk-ANG7WQ2Z.js";
import "./chunk-3RUXNKFA.js";
import "./chunk-NSAH3PUM.js";
import "./chunk-SEGWTJVK.js";
import "./chunk-P4CNIMT5.js";
import "./chunk-WUE3J4Q4.js";
import "./chunk-HGZAXNFB.js";
import "./chunk-WFF4A6QU.js";
import "./chunk-O6WV2LFP.js";
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
