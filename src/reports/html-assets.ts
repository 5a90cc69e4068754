/**
 * The stylesheet and script every HTML page inlines. The served CSP is `default-src 'none'; style-src
 * 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:`, so nothing may be loaded from anywhere: system fonts,
 * inline SVG, no fetch. Colours meet WCAG AA contrast (4.5:1 text, 3:1 bars) in light and dark schemes.
 */
export const REPORT_CSS = `
:root{--fg:#1f2328;--muted:#57606a;--bg:#fff;--panel:#f6f8fa;--line:#d0d7de;--link:#0550ae;--ok:#1a7f37;--bad:#cf222e;--warn:#9a6700;--other:#6e7781;--dur:#0969da;--track:#eaeef2;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9da7b3;--bg:#0d1117;--panel:#161b22;--line:#30363d;--link:#6cb6ff;--ok:#3fb950;--bad:#f85149;--warn:#d29922;--other:#8b949e;--dur:#58a6ff;--track:#21262d}}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:var(--bg)}
a{color:var(--link)}
a:focus-visible,button:focus-visible,[tabindex]:focus-visible,summary:focus-visible{outline:3px solid var(--link);outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:var(--bg);padding:4px 8px;z-index:2}
header{border-bottom:1px solid var(--line);background:var(--panel)}
header nav ul{display:flex;flex-wrap:wrap;gap:4px 20px;list-style:none;margin:0 auto;padding:10px 16px;max-width:76rem}
header nav a[aria-current=page]{font-weight:600;color:var(--fg);text-decoration:none}
main{max-width:76rem;margin:0 auto;padding:8px 16px 32px}
h1{font-size:1.6rem;margin:16px 0 4px}h2{font-size:1.25rem;margin:28px 0 8px;padding-bottom:4px;border-bottom:1px solid var(--line)}h3{font-size:1.02rem;margin:18px 0 6px}
p.meta{color:var(--muted);margin-top:0}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:8px 0}
dl.facts dt{font-weight:600;color:var(--muted)}dl.facts dd{margin:0;overflow-wrap:anywhere}
.table-wrap{overflow-x:auto;margin:8px 0 16px}
table{border-collapse:collapse;min-width:50%;font-size:.92rem}
caption{text-align:left;font-weight:600;padding:4px 0;caption-side:top}
th,td{border-bottom:1px solid var(--line);padding:4px 10px;text-align:left;vertical-align:top}
thead th{background:var(--panel);white-space:nowrap}
th[scope=row]{font-weight:500}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
td.empty{color:var(--muted);font-style:italic}
code{font:0.86em/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--panel);padding:1px 4px;border-radius:4px;overflow-wrap:break-word}
pre{background:var(--panel);padding:12px;overflow-x:auto;border-radius:6px}pre code{padding:0;background:none}
.badge{display:inline-block;padding:0 8px;border-radius:10px;font-size:.8rem;font-weight:600;border:1px solid currentColor;white-space:nowrap}
.badge.ok{color:var(--ok)}.badge.bad{color:var(--bad)}.badge.warn{color:var(--warn)}.badge.neutral{color:var(--muted)}
button.sort{all:unset;cursor:pointer;font-weight:600}button.sort::after{content:" ↕";color:var(--muted)}
th[aria-sort=ascending] button.sort::after{content:" ▲"}th[aria-sort=descending] button.sort::after{content:" ▼"}
figure{margin:12px 0 20px}figcaption{color:var(--muted);font-size:.9rem}
svg.chart{max-width:720px;height:auto;display:block}
svg .ok{fill:var(--ok)}svg .bad{fill:var(--bad)}svg .other{fill:var(--other)}svg .dur{fill:var(--dur)}svg .track{fill:var(--track)}
svg .grid{stroke:var(--line);stroke-width:1}svg .axis,svg .label{fill:var(--muted);font:12px system-ui,sans-serif}svg .label{fill:var(--fg)}
footer{max-width:76rem;margin:0 auto;padding:16px;color:var(--muted);font-size:.85rem;border-top:1px solid var(--line)}
@media print{
  :root{--fg:#000;--muted:#333;--bg:#fff;--panel:#fff;--line:#999;--link:#000}
  body{font-size:10.5pt}header,.skip{display:none}main{max-width:none;padding:0}
  h2,h3{break-after:avoid}tr,figure,dl.facts{break-inside:avoid}
  .table-wrap{overflow:visible}table{min-width:0;width:100%}
  button.sort::after{content:""}a{text-decoration:none}
  a[href^="http"]::after{content:" (" attr(href) ")";font-size:.8em}
}
`
  .trim()
  .replace(/\n/g, '');

/**
 * Sortable tables by progressive enhancement: without script the headers are plain text and the rows keep their
 * server order; with it each header becomes a button that sorts by `data-sort` (or the text), numeric columns by
 * number, and `aria-sort` says which way. Print opens every `<details>` so scripts appear on paper.
 */
export const REPORT_SCRIPT = `
(function () {
  'use strict';
  function key(row, col, numeric) {
    var c = row.cells[col];
    if (!c) return numeric ? -Infinity : '';
    var v = c.hasAttribute('data-sort') ? c.getAttribute('data-sort') : c.textContent.trim();
    return numeric ? Number(v) : v;
  }
  document.querySelectorAll('table.sortable').forEach(function (table) {
    var head = table.tHead && table.tHead.rows[0];
    var body = table.tBodies[0];
    if (!head || !body) return;
    Array.prototype.forEach.call(head.cells, function (th, col) {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'sort';
      button.textContent = th.textContent;
      th.textContent = '';
      th.appendChild(button);
      button.addEventListener('click', function () {
        var dir = th.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';
        Array.prototype.forEach.call(head.cells, function (other) { other.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', dir);
        var numeric = th.classList.contains('num');
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = key(a, col, numeric), y = key(b, col, numeric);
          var c = numeric ? x - y : x < y ? -1 : x > y ? 1 : 0;
          return dir === 'ascending' ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
  window.addEventListener('beforeprint', function () {
    document.querySelectorAll('details').forEach(function (d) { d.open = true; });
  });
})();
`
  .trim()
  .replace(/\n\s*/g, ' ');
