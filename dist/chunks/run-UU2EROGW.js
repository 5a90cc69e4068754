function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  renderRunResult,
  runCommand
} from "./chunk-AJCYBEG2.js";
import {
  abortOnSignals,
  cliInitiator,
  collect,
  parseParams,
  warnIfDataDirTracked
} from "./chunk-ITEEYOY3.js";
import "./chunk-ZCIQJW2G.js";
import "./chunk-4UPVGKS6.js";
import "./chunk-E3DGQFJ3.js";
import "./chunk-GQPEUOIP.js";
import "./chunk-U7Z7WOUO.js";
import "./chunk-RLKZC5XG.js";
import "./chunk-RLKHWNUI.js";
import "./chunk-WF6R5N3W.js";
import "./chunk-P6F2AC6G.js";
import "./chunk-JZ4A4MHT.js";
import "./chunk-U6EHMBAM.js";
import "./chunk-GKUXOMQD.js";
import "./chunk-NR2XG3EO.js";
import "./chunk-PEN3FHEJ.js";
import "./chunk-EQIGQF32.js";
import "./chunk-AH7MIAEX.js";
import "./chunk-APAI45OA.js";
import "./chunk-FBEO4PPA.js";
import "./chunk-O7JP4MY6.js";
import "./chunk-HGX4R2HL.js";
import "./chunk-J2KV253P.js";
import "./chunk-62XZGVG2.js";
import "./chunk-LLA3MDQI.js";
import "./chunk-GB75QTYU.js";
import "./chunk-AYTYQZ6H.js";
import "./chunk-OGEFOTHU.js";
import "./chunk-7EE6QVFP.js";
import "./chunk-44J7CKGR.js";
import "./chunk-G56DPNIV.js";
import "./chunk-Q34KY2EY.js";
import "./chunk-XLWVCULI.js";
import "./chunk-2TXRGXLB.js";
import "./chunk-VR7KHDFB.js";
import "./chunk-WDLZ6EAF.js";
import "./chunk-75FD6FCD.js";
import "./chunk-UC4CDG3P.js";
import "./chunk-J7SPUE3Q.js";
import "./chunk-5EEFVU5U.js";
import "./chunk-M2VQNUJS.js";
import "./chunk-SMWZYUQH.js";
import "./chunk-6O2CUPPL.js";
import "./chunk-O64KD3H5.js";
import "./chunk-N5OJQZGE.js";
import "./chunk-RAK6EWF2.js";
export {
  abortOnSignals,
  cliInitiator,
  collect,
  parseParams,
  renderRunResult,
  runCommand,
  warnIfDataDirTracked
};
