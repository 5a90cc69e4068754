import {
  executionsCommand,
  openCliJournal,
  parseIsoOption,
  renderExecutions
} from "./chunk-TLS3PTJ5.js";
import "./chunk-3VGSKYEF.js";
import "./chunk-ZPDRYPGO.js";
import "./chunk-WLAXEIFL.js";
import "./chunk-HODRZKGA.js";
import "./chunk-6WDEV6XB.js";
import "./chunk-RS4V5MNJ.js";
export {
  executionsCommand,
  openCliJournal,
  parseIsoOption,
  renderExecutions
};
