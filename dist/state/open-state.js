import {
  openState
} from "../chunks/chunk-BF4DZCEO.js";
import "../chunks/chunk-7NEPKNOP.js";
import "../chunks/chunk-WU5ATW4C.js";
export {
  openState
};
