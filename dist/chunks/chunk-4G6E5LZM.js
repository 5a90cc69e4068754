function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  renderTable
} from "./chunk-62XZGVG2.js";
import {
  EXIT
} from "./chunk-WDLZ6EAF.js";

// src/cli/print-result.ts
function printResult(ctx, value, render) {
  if (ctx.json) ctx.out.json(value);
  else ctx.out.line(render(value));
  return EXIT.ok;
}
function printList(ctx, rows, list) {
  if (ctx.json) ctx.out.json(rows);
  else if (rows.length === 0) ctx.out.info(list.empty);
  else ctx.out.line(renderTable([list.header, ...rows.map(list.row)]));
  return EXIT.ok;
}
function shortTime(iso, to = "second") {
  return iso ? iso.slice(0, to === "minute" ? 16 : 19).replace("T", " ") : "-";
}

export {
  printResult,
  printList,
  shortTime
};
