import {
  executionsCommand,
  openCliJournal,
  parseIsoOption,
  renderExecutions
} from "./chunk-SKPTB42N.js";
import "./chunk-3VGSKYEF.js";
import "./chunk-J2IP6NA2.js";
import "./chunk-ANG7WQ2Z.js";
import "./chunk-SEGWTJVK.js";
import "./chunk-P4CNIMT5.js";
import "./chunk-WUE3J4Q4.js";
import "./chunk-HGZAXNFB.js";
import "./chunk-WFF4A6QU.js";
import "./chunk-O6WV2LFP.js";
import "./chunk-E57XOVAZ.js";
import "./chunk-W3QUCTQE.js";
export {
  executionsCommand,
  openCliJournal,
  parseIsoOption,
  renderExecutions
};
