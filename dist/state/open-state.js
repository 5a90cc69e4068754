import {
  openState
} from "../chunks/chunk-CYK6DBGF.js";
import "../chunks/chunk-CJMVQHXB.js";
export {
  openState
};
