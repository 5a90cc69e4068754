function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  isDatabaseUrl,
  openJournalAt,
  parseJournalTarget,
  resolveDatabaseUrl
} from "../chunks/chunk-3HGHN4NO.js";
import "../chunks/chunk-WUGYVPM6.js";
import "../chunks/chunk-Y6NR36NF.js";
import "../chunks/chunk-VOCGUP4K.js";
import "../chunks/chunk-OKEV3NY6.js";
import "../chunks/chunk-BWXN7SMZ.js";
import "../chunks/chunk-S4ZAXATO.js";
import "../chunks/chunk-XA5JRYBB.js";
import "../chunks/chunk-WDLZ6EAF.js";
import "../chunks/chunk-4656LTD7.js";
import "../chunks/chunk-UC4CDG3P.js";
import "../chunks/chunk-RAK6EWF2.js";
export {
  isDatabaseUrl,
  openJournalAt,
  parseJournalTarget,
  resolveDatabaseUrl
};
