import {
  openJournal
} from "../chunks/chunk-LJ6FKL5E.js";
import "../chunks/chunk-P4CNIMT5.js";
import "../chunks/chunk-WUE3J4Q4.js";
import "../chunks/chunk-23VBNFS5.js";
import "../chunks/chunk-WFF4A6QU.js";
import "../chunks/chunk-WTWPPEOB.js";
import "../chunks/chunk-TERWGAGP.js";
export {
  openJournal
};
