import {
  openJournal
} from "../chunks/chunk-WLAXEIFL.js";
import "../chunks/chunk-HODRZKGA.js";
import "../chunks/chunk-6WDEV6XB.js";
import "../chunks/chunk-RS4V5MNJ.js";
export {
  openJournal
};
