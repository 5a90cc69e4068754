import {
  openJournal
} from "../chunks/chunk-IQAPK76P.js";
import "../chunks/chunk-P4CNIMT5.js";
import "../chunks/chunk-WUE3J4Q4.js";
import "../chunks/chunk-T3AJ2QK5.js";
import "../chunks/chunk-WFF4A6QU.js";
import "../chunks/chunk-WTWPPEOB.js";
import "../chunks/chunk-E57XOVAZ.js";
import "../chunks/chunk-W3QUCTQE.js";
export {
  openJournal
};
