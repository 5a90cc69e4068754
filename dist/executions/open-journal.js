import {
  openJournal
} from "../chunks/chunk-2LDXMQAW.js";
import "../chunks/chunk-VOJ4W2WK.js";
import "../chunks/chunk-JI5KSKF4.js";
import "../chunks/chunk-AHBZ5ADF.js";
export {
  openJournal
};
