import {
  allowShallowOption,
  historyCommand,
  idSpecOf,
  kindOption,
  notFound,
  openCliHistory,
  readHistory,
  resolveKind,
  typeOption
} from "./chunk-PXCLXZJB.js";
import "./chunk-XB2N47GE.js";
import "./chunk-XYJU7AQX.js";
import "./chunk-GVAA424S.js";
import "./chunk-ZV5OUC6N.js";
import "./chunk-ANG7WQ2Z.js";
import "./chunk-NSAH3PUM.js";
import "./chunk-P4CNIMT5.js";
import "./chunk-WFF4A6QU.js";
import "./chunk-O6WV2LFP.js";
import "./chunk-E57XOVAZ.js";
import "./chunk-W3QUCTQE.js";
export {
  allowShallowOption,
  historyCommand,
  idSpecOf,
  kindOption,
  notFound,
  openCliHistory,
  readHistory,
  resolveKind,
  typeOption
};
