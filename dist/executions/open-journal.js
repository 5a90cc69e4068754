import {
  openJournal
} from "../chunks/chunk-MS7XNQP2.js";
import "../chunks/chunk-P4CNIMT5.js";
import "../chunks/chunk-BU7YX4F2.js";
import "../chunks/chunk-73BB7N5C.js";
import "../chunks/chunk-BPYPOP7L.js";
import "../chunks/chunk-VJ2VJCG2.js";
import "../chunks/chunk-WFF4A6QU.js";
import "../chunks/chunk-VDHVSJ3T.js";
import "../chunks/chunk-E57XOVAZ.js";
import "../chunks/chunk-W3QUCTQE.js";
export {
  openJournal
};
