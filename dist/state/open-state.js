import {
  openState
} from "../chunks/chunk-JI5KSKF4.js";
import "../chunks/chunk-AHBZ5ADF.js";
export {
  openState
};
