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
} from "./chunk-BV6TUDI6.js";
import "./chunk-7JYLCSBK.js";
import "./chunk-XYJU7AQX.js";
import "./chunk-GVAA424S.js";
import "./chunk-PZZC6I7U.js";
import "./chunk-EZB2VO3F.js";
import "./chunk-ZPDRYPGO.js";
import "./chunk-JD7RSV3D.js";
import "./chunk-WFF4A6QU.js";
import "./chunk-WTWPPEOB.js";
import "./chunk-TERWGAGP.js";
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
