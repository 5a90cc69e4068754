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
} from "./chunk-VVEUEYGN.js";
import "./chunk-OWUAENRR.js";
import "./chunk-XYJU7AQX.js";
import "./chunk-GVAA424S.js";
import "./chunk-ZV5OUC6N.js";
import "./chunk-ANG7WQ2Z.js";
import "./chunk-QT6CJFXI.js";
import "./chunk-P4CNIMT5.js";
import "./chunk-WFF4A6QU.js";
import "./chunk-VDHVSJ3T.js";
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
