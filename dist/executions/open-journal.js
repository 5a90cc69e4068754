import {
  openJournal
} from "../chunks/chunk-NKWCMHQK.js";
import "../chunks/chunk-N5EDOIGV.js";
import "../chunks/chunk-VWNPSLYO.js";
import "../chunks/chunk-UTTDJNGF.js";
export {
  openJournal
};
