import {
  openState
} from "../chunks/chunk-ENVYPEKI.js";
import "../chunks/chunk-WFF4A6QU.js";
import "../chunks/chunk-7NEPKNOP.js";
import "../chunks/chunk-WTWPPEOB.js";
export {
  openState
};
