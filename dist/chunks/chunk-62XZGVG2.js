function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }

// src/cli/output.ts
function createOutput(stdout, stderr) {
  return {
    json: (value) => void stdout.write(`${JSON.stringify(value, null, 2)}
`),
    line: (text = "") => void stdout.write(`${text}
`),
    info: (text) => void stderr.write(`${text}
`),
    terminalRows: () => stdout.isTTY === true ? stdout.rows || 24 : null
  };
}
function renderTable(rows) {
  const widths = [];
  for (const row of rows) row.forEach((cell, i) => widths[i] = Math.max(widths[i] ?? 0, [...cell].length));
  return rows.map(
    (row) => row.map(
      (cell, i) => i === row.length - 1 ? cell : cell + " ".repeat((widths[i] ?? 0) - [...cell].length)
    ).join("  ").trimEnd()
  ).join("\n");
}

export {
  createOutput,
  renderTable
};
