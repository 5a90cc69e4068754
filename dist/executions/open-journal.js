function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  openJournal
} from "../chunks/chunk-7XIXPE7P.js";
import "../chunks/chunk-X5KDJQ3L.js";
import "../chunks/chunk-VOCGUP4K.js";
import "../chunks/chunk-5BVQRF7J.js";
import "../chunks/chunk-PL7NEMDF.js";
import "../chunks/chunk-XFTM7KMX.js";
import "../chunks/chunk-VR7KHDFB.js";
import "../chunks/chunk-WDLZ6EAF.js";
import "../chunks/chunk-4656LTD7.js";
import "../chunks/chunk-UC4CDG3P.js";
import "../chunks/chunk-RAK6EWF2.js";
export {
  openJournal
};
