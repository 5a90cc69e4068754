import {
  openJournal
} from "../chunks/chunk-E2TQWX3D.js";
import "../chunks/chunk-WUE3J4Q4.js";
import "../chunks/chunk-ENVYPEKI.js";
import "../chunks/chunk-WFF4A6QU.js";
import "../chunks/chunk-7NEPKNOP.js";
import "../chunks/chunk-WTWPPEOB.js";
export {
  openJournal
};
