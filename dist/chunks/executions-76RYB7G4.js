import {
  executionsCommand,
  openCliJournal,
  parseIsoOption,
  renderExecutions
} from "./chunk-2UCWNUHY.js";
import "./chunk-3VGSKYEF.js";
import "./chunk-J2IP6NA2.js";
import "./chunk-ANG7WQ2Z.js";
import "./chunk-IQAPK76P.js";
import "./chunk-P4CNIMT5.js";
import "./chunk-WUE3J4Q4.js";
import "./chunk-T3AJ2QK5.js";
import "./chunk-WFF4A6QU.js";
import "./chunk-WTWPPEOB.js";
import "./chunk-E57XOVAZ.js";
import "./chunk-W3QUCTQE.js";
export {
  executionsCommand,
  openCliJournal,
  parseIsoOption,
  renderExecutions
};
