function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  renderRunResult,
  runCommand
} from "./chunk-VJJQRZQ6.js";
import {
  abortOnSignals,
  cliInitiator,
  collect,
  parseParams,
  warnIfDataDirTracked
} from "./chunk-5Z7IHRSG.js";
import "./chunk-KGHZNAQ6.js";
import "./chunk-O7I2ZKPD.js";
import "./chunk-DYILWZWB.js";
import "./chunk-GQPEUOIP.js";
import "./chunk-WF6R5N3W.js";
import "./chunk-E5YWUFQH.js";
import "./chunk-VILCXW2A.js";
import "./chunk-OD4IOVN4.js";
import "./chunk-KEVW5S35.js";
import "./chunk-JZ4A4MHT.js";
import "./chunk-36LBGUZO.js";
import "./chunk-U6EHMBAM.js";
import "./chunk-GKUXOMQD.js";
import "./chunk-NR2XG3EO.js";
import "./chunk-AH7MIAEX.js";
import "./chunk-GSWBMFHN.js";
import "./chunk-TFVGISEO.js";
import "./chunk-APAI45OA.js";
import "./chunk-NPVTDBXM.js";
import "./chunk-O7JP4MY6.js";
import "./chunk-HGX4R2HL.js";
import "./chunk-62XZGVG2.js";
import "./chunk-J2KV253P.js";
import "./chunk-LLA3MDQI.js";
import "./chunk-GB75QTYU.js";
import "./chunk-AYTYQZ6H.js";
import "./chunk-E6QTRHM3.js";
import "./chunk-IOE6OLJJ.js";
import "./chunk-V6HNZFN7.js";
import "./chunk-CWL677WB.js";
import "./chunk-VOCGUP4K.js";
import "./chunk-CDS3F5LP.js";
import "./chunk-LSPDTQJD.js";
import "./chunk-MAQSCYAI.js";
import "./chunk-PL7NEMDF.js";
import "./chunk-XFTM7KMX.js";
import "./chunk-VR7KHDFB.js";
import "./chunk-WDLZ6EAF.js";
import "./chunk-4656LTD7.js";
import "./chunk-UC4CDG3P.js";
import "./chunk-PD3DXNQB.js";
import "./chunk-DVI3VG4T.js";
import "./chunk-M2VQNUJS.js";
import "./chunk-XVUVGPBM.js";
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
