import {
  openState
} from "../chunks/chunk-VJ2VJCG2.js";
import "../chunks/chunk-WFF4A6QU.js";
import "../chunks/chunk-VDHVSJ3T.js";
import "../chunks/chunk-E57XOVAZ.js";
import "../chunks/chunk-W3QUCTQE.js";
export {
  openState
};
