import {
  openJournal
} from "../chunks/chunk-3WC6VLXB.js";
import "../chunks/chunk-JFRZPIBP.js";
import "../chunks/chunk-CYK6DBGF.js";
import "../chunks/chunk-CJMVQHXB.js";
export {
  openJournal
};
