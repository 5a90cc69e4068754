import {
  executionsCommand,
  openCliJournal,
  parseIsoOption,
  renderExecutions
} from "./chunk-7U26ZHFO.js";
import "./chunk-3VGSKYEF.js";
import "./chunk-ZPDRYPGO.js";
import "./chunk-LJ6FKL5E.js";
import "./chunk-P4CNIMT5.js";
import "./chunk-WUE3J4Q4.js";
import "./chunk-23VBNFS5.js";
import "./chunk-WFF4A6QU.js";
import "./chunk-WTWPPEOB.js";
import "./chunk-TERWGAGP.js";
export {
  executionsCommand,
  openCliJournal,
  parseIsoOption,
  renderExecutions
};
