import {
  executionsCommand,
  openCliJournal,
  parseIsoOption,
  renderExecutions
} from "./chunk-WQYVZNX4.js";
import "./chunk-3VGSKYEF.js";
import "./chunk-ZPDRYPGO.js";
import "./chunk-3WC6VLXB.js";
import "./chunk-JFRZPIBP.js";
import "./chunk-CYK6DBGF.js";
import "./chunk-CJMVQHXB.js";
export {
  executionsCommand,
  openCliJournal,
  parseIsoOption,
  renderExecutions
};
