import {
  executionsCommand,
  openCliJournal,
  parseIsoOption,
  renderExecutions
} from "./chunk-SDCSLAHB.js";
import "./chunk-3VGSKYEF.js";
import "./chunk-ZPDRYPGO.js";
import "./chunk-EVEO6ROG.js";
import "./chunk-WUE3J4Q4.js";
import "./chunk-BF4DZCEO.js";
import "./chunk-7NEPKNOP.js";
import "./chunk-WU5ATW4C.js";
export {
  executionsCommand,
  openCliJournal,
  parseIsoOption,
  renderExecutions
};
