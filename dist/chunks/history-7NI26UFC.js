import {
  historyCommand,
  kindOption,
  notFound,
  openCliHistory,
  readHistory,
  resolveKind
} from "./chunk-5Q4MXW7R.js";
import "./chunk-4OBJOMBV.js";
import "./chunk-IIOGQGVS.js";
import "./chunk-EZB2VO3F.js";
import "./chunk-ZPDRYPGO.js";
import "./chunk-7NEPKNOP.js";
import "./chunk-PKKLGIFI.js";
import "./chunk-WU5ATW4C.js";
export {
  historyCommand,
  kindOption,
  notFound,
  openCliHistory,
  readHistory,
  resolveKind
};
