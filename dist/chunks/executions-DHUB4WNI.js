import {
  executionsCommand,
  openCliJournal,
  parseIsoOption,
  renderExecutions
} from "./chunk-5XJXVHQG.js";
import "./chunk-3VGSKYEF.js";
import "./chunk-ZPDRYPGO.js";
import "./chunk-E2TQWX3D.js";
import "./chunk-WUE3J4Q4.js";
import "./chunk-ENVYPEKI.js";
import "./chunk-WFF4A6QU.js";
import "./chunk-7NEPKNOP.js";
import "./chunk-WTWPPEOB.js";
export {
  executionsCommand,
  openCliJournal,
  parseIsoOption,
  renderExecutions
};
