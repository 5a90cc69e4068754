function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  renderRunResult,
  runCommand
} from "./chunk-KKONSCQ7.js";
import {
  abortOnSignals,
  cliInitiator,
  collect,
  parseParams,
  warnIfDataDirTracked
} from "./chunk-RS6SFEIS.js";
import "./chunk-G2XL7W5M.js";
import "./chunk-L6NFUJEV.js";
import "./chunk-REDWMMUN.js";
import "./chunk-VI2YIB65.js";
import "./chunk-6E7A5FCD.js";
import "./chunk-4KTZSTGR.js";
import "./chunk-QNSLEDV6.js";
import "./chunk-WF6R5N3W.js";
import "./chunk-TFC7SP4F.js";
import "./chunk-JZ4A4MHT.js";
import "./chunk-U6EHMBAM.js";
import "./chunk-GKUXOMQD.js";
import "./chunk-NR2XG3EO.js";
import "./chunk-YR4I3GCB.js";
import "./chunk-VN5QF2C4.js";
import "./chunk-MZYXRCVB.js";
import "./chunk-XOUUJHCU.js";
import "./chunk-QOZLHTSD.js";
import "./chunk-BUPJDGKQ.js";
import "./chunk-HGX4R2HL.js";
import "./chunk-J2KV253P.js";
import "./chunk-B5FQRBJA.js";
import "./chunk-4YDQLNWF.js";
import "./chunk-AYTYQZ6H.js";
import "./chunk-3HGHN4NO.js";
import "./chunk-WUGYVPM6.js";
import "./chunk-Y6NR36NF.js";
import "./chunk-VOCGUP4K.js";
import "./chunk-OKEV3NY6.js";
import "./chunk-BWXN7SMZ.js";
import "./chunk-S4ZAXATO.js";
import "./chunk-XA5JRYBB.js";
import "./chunk-WDLZ6EAF.js";
import "./chunk-4656LTD7.js";
import "./chunk-UC4CDG3P.js";
import "./chunk-CDHTLKPG.js";
import "./chunk-EVQIWPD2.js";
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
