import {
  openState
} from "../chunks/chunk-6WDEV6XB.js";
import "../chunks/chunk-RS4V5MNJ.js";
export {
  openState
};
