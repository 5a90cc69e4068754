import {
  executionsCommand,
  openCliJournal,
  parseIsoOption,
  renderExecutions
} from "./chunk-IZURNYXW.js";
import "./chunk-3VGSKYEF.js";
import "./chunk-ZPDRYPGO.js";
import "./chunk-2LDXMQAW.js";
import "./chunk-VOJ4W2WK.js";
import "./chunk-JI5KSKF4.js";
import "./chunk-AHBZ5ADF.js";
export {
  executionsCommand,
  openCliJournal,
  parseIsoOption,
  renderExecutions
};
