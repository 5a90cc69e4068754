import {
  abortOnSignals,
  cliInitiator,
  collect,
  parseParams,
  renderRunResult,
  runCommand,
  warnIfDataDirTracked
} from "./chunk-CTGCMUOA.js";
import "./chunk-AIGKA5PK.js";
import "./chunk-2NCSDJR4.js";
import "./chunk-A3DXYWG7.js";
import "./chunk-4TFGDOJ2.js";
import "./chunk-KAHQ322U.js";
import "./chunk-RWZTJTBY.js";
import "./chunk-H6W2RROV.js";
import "./chunk-7DENN6A4.js";
import "./chunk-RPAEGFLK.js";
import "./chunk-QOFQ2H35.js";
import "./chunk-J2IP6NA2.js";
import "./chunk-OWUAENRR.js";
import "./chunk-XYJU7AQX.js";
import "./chunk-GVAA424S.js";
import "./chunk-ZV5OUC6N.js";
import "./chunk-JIISAF5R.js";
import "./chunk-ANG7WQ2Z.js";
import "./chunk-FXXI3T3N.js";
import "./chunk-QT6CJFXI.js";
import "./chunk-MS7XNQP2.js";
import "./chunk-P4CNIMT5.js";
import "./chunk-BU7YX4F2.js";
import "./chunk-73BB7N5C.js";
import "./chunk-BPYPOP7L.js";
import "./chunk-VJ2VJCG2.js";
import "./chunk-WFF4A6QU.js";
import "./chunk-VDHVSJ3T.js";
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
