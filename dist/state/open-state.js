import {
  openState
} from "../chunks/chunk-VWNPSLYO.js";
import "../chunks/chunk-UTTDJNGF.js";
export {
  openState
};
