function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  renderRunResult,
  runCommand
} from "./chunk-P6WHHLRM.js";
import {
  abortOnSignals,
  cliInitiator,
  collect,
  parseParams,
  warnIfDataDirTracked
} from "./chunk-IY23TFQD.js";
import "./chunk-YRN7M4XT.js";
import "./chunk-4UPVGKS6.js";
import "./chunk-CNWVV3IZ.js";
import "./chunk-GQPEUOIP.js";
import "./chunk-2CIILV7J.js";
import "./chunk-S4RDL2EZ.js";
import "./chunk-O4XA2DFV.js";
import "./chunk-WF6R5N3W.js";
import "./chunk-UW3EHZBC.js";
import "./chunk-JZ4A4MHT.js";
import "./chunk-U6EHMBAM.js";
import "./chunk-GKUXOMQD.js";
import "./chunk-NR2XG3EO.js";
import "./chunk-2G5GLVBE.js";
import "./chunk-UVNFNRUD.js";
import "./chunk-AH7MIAEX.js";
import "./chunk-APAI45OA.js";
import "./chunk-JMO4CZGP.js";
import "./chunk-O7JP4MY6.js";
import "./chunk-HGX4R2HL.js";
import "./chunk-J2KV253P.js";
import "./chunk-62XZGVG2.js";
import "./chunk-LLA3MDQI.js";
import "./chunk-GB75QTYU.js";
import "./chunk-AYTYQZ6H.js";
import "./chunk-OZ4TKRF3.js";
import "./chunk-22R4N7VU.js";
import "./chunk-QTCTHYF2.js";
import "./chunk-OHDYKH2A.js";
import "./chunk-6O2CUPPL.js";
import "./chunk-Q34KY2EY.js";
import "./chunk-PL7NEMDF.js";
import "./chunk-2TXRGXLB.js";
import "./chunk-VR7KHDFB.js";
import "./chunk-WDLZ6EAF.js";
import "./chunk-75FD6FCD.js";
import "./chunk-UC4CDG3P.js";
import "./chunk-BHQM45EP.js";
import "./chunk-5EEFVU5U.js";
import "./chunk-M2VQNUJS.js";
import "./chunk-SMWZYUQH.js";
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
