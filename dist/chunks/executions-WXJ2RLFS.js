import {
  cliAlerts,
  executionsCommand,
  openCliJournal,
  parseIsoOption,
  renderExecutions
} from "./chunk-KAHQ322U.js";
import "./chunk-RWZTJTBY.js";
import "./chunk-H6W2RROV.js";
import "./chunk-QOFQ2H35.js";
import "./chunk-J2IP6NA2.js";
import "./chunk-ANG7WQ2Z.js";
import "./chunk-MS7XNQP2.js";
import "./chunk-P4CNIMT5.js";
import "./chunk-BU7YX4F2.js";
import "./chunk-73BB7N5C.js";
import "./chunk-BPYPOP7L.js";
import "./chunk-VJ2VJCG2.js";
import "./chunk-WFF4A6QU.js";
import "./chunk-VDHVSJ3T.js";
import "./chunk-E57XOVAZ.js";
import "./chunk-W3QUCTQE.js";
export {
  cliAlerts,
  executionsCommand,
  openCliJournal,
  parseIsoOption,
  renderExecutions
};
