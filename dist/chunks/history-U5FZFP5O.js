import {
  historyCommand,
  kindOption,
  notFound,
  openCliHistory,
  readHistory,
  resolveKind
} from "./chunk-WMXIA6BE.js";
import "./chunk-WQQBHETK.js";
import "./chunk-ZCV3GJHD.js";
import "./chunk-EZB2VO3F.js";
import "./chunk-ZPDRYPGO.js";
import "./chunk-VGAUYGFZ.js";
import "./chunk-CJMVQHXB.js";
export {
  historyCommand,
  kindOption,
  notFound,
  openCliHistory,
  readHistory,
  resolveKind
};
