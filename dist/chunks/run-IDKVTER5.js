function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  renderRunResult,
  runCommand
} from "./chunk-BIPZSUK6.js";
import {
  abortOnSignals,
  cliInitiator,
  collect,
  parseParams,
  warnIfDataDirTracked
} from "./chunk-5Z7IHRSG.js";
import "./chunk-QF6TDOWU.js";
import "./chunk-O7I2ZKPD.js";
import "./chunk-PZLT3BFO.js";
import "./chunk-GQPEUOIP.js";
import "./chunk-Q2M3W6MY.js";
import "./chunk-3554VUFU.js";
import "./chunk-OD4IOVN4.js";
import "./chunk-WF6R5N3W.js";
import "./chunk-KKMF7O3A.js";
import "./chunk-JZ4A4MHT.js";
import "./chunk-U6EHMBAM.js";
import "./chunk-GKUXOMQD.js";
import "./chunk-NR2XG3EO.js";
import "./chunk-XBUNKA6H.js";
import "./chunk-I7LO5F6F.js";
import "./chunk-AH7MIAEX.js";
import "./chunk-APAI45OA.js";
import "./chunk-TO6E36NM.js";
import "./chunk-O7JP4MY6.js";
import "./chunk-HGX4R2HL.js";
import "./chunk-J2KV253P.js";
import "./chunk-62XZGVG2.js";
import "./chunk-LLA3MDQI.js";
import "./chunk-GB75QTYU.js";
import "./chunk-AYTYQZ6H.js";
import "./chunk-UEGN7XQ3.js";
import "./chunk-7XIXPE7P.js";
import "./chunk-X5KDJQ3L.js";
import "./chunk-VOCGUP4K.js";
import "./chunk-5BVQRF7J.js";
import "./chunk-PL7NEMDF.js";
import "./chunk-XFTM7KMX.js";
import "./chunk-VR7KHDFB.js";
import "./chunk-WDLZ6EAF.js";
import "./chunk-4656LTD7.js";
import "./chunk-UC4CDG3P.js";
import "./chunk-42M553KZ.js";
import "./chunk-5EEFVU5U.js";
import "./chunk-M2VQNUJS.js";
import "./chunk-SMWZYUQH.js";
import "./chunk-TFVGISEO.js";
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
