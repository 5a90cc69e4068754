import {
  openJournal
} from "../chunks/chunk-SEGWTJVK.js";
import "../chunks/chunk-P4CNIMT5.js";
import "../chunks/chunk-WUE3J4Q4.js";
import "../chunks/chunk-HGZAXNFB.js";
import "../chunks/chunk-WFF4A6QU.js";
import "../chunks/chunk-O6WV2LFP.js";
import "../chunks/chunk-E57XOVAZ.js";
import "../chunks/chunk-W3QUCTQE.js";
export {
  openJournal
};
