import {
  openJournal
} from "../chunks/chunk-EVEO6ROG.js";
import "../chunks/chunk-WUE3J4Q4.js";
import "../chunks/chunk-BF4DZCEO.js";
import "../chunks/chunk-7NEPKNOP.js";
import "../chunks/chunk-WU5ATW4C.js";
export {
  openJournal
};
