import {
  openState
} from "../chunks/chunk-T3AJ2QK5.js";
import "../chunks/chunk-WFF4A6QU.js";
import "../chunks/chunk-WTWPPEOB.js";
import "../chunks/chunk-E57XOVAZ.js";
import "../chunks/chunk-W3QUCTQE.js";
export {
  openState
};
