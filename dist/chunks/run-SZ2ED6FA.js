function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  renderRunResult,
  runCommand
} from "./chunk-Y4RHK64P.js";
import {
  abortOnSignals,
  cliInitiator,
  collect,
  parseParams,
  warnIfDataDirTracked
} from "./chunk-RS6SFEIS.js";
import "./chunk-N7UXGKFC.js";
import "./chunk-O7I2ZKPD.js";
import "./chunk-CM2FPBE3.js";
import "./chunk-GQPEUOIP.js";
import "./chunk-N763XMCA.js";
import "./chunk-4CCE3YXV.js";
import "./chunk-QNSLEDV6.js";
import "./chunk-WF6R5N3W.js";
import "./chunk-JTCF3UJG.js";
import "./chunk-JZ4A4MHT.js";
import "./chunk-U6EHMBAM.js";
import "./chunk-GKUXOMQD.js";
import "./chunk-NR2XG3EO.js";
import "./chunk-FTJSAXDQ.js";
import "./chunk-V5KE3CCD.js";
import "./chunk-MZYXRCVB.js";
import "./chunk-APAI45OA.js";
import "./chunk-653NCKI5.js";
import "./chunk-BUPJDGKQ.js";
import "./chunk-HGX4R2HL.js";
import "./chunk-J2KV253P.js";
import "./chunk-B5FQRBJA.js";
import "./chunk-4YDQLNWF.js";
import "./chunk-AYTYQZ6H.js";
import "./chunk-YC2TZ57N.js";
import "./chunk-OLE5N5P4.js";
import "./chunk-UU22HQ2W.js";
import "./chunk-VOCGUP4K.js";
import "./chunk-OKEV3NY6.js";
import "./chunk-BWXN7SMZ.js";
import "./chunk-XFTM7KMX.js";
import "./chunk-VR7KHDFB.js";
import "./chunk-WDLZ6EAF.js";
import "./chunk-4656LTD7.js";
import "./chunk-UC4CDG3P.js";
import "./chunk-F7Z67YSW.js";
import "./chunk-ZIHEP524.js";
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
