import {
  openState
} from "../chunks/chunk-23VBNFS5.js";
import "../chunks/chunk-WFF4A6QU.js";
import "../chunks/chunk-WTWPPEOB.js";
import "../chunks/chunk-TERWGAGP.js";
export {
  openState
};
