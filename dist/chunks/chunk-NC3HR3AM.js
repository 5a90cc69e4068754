function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }

// src/definitions/render-validation.ts
function isValidationOk(report, strict) {
  return report.counts.errors === 0 && (!strict || report.counts.warnings === 0);
}
function toValidationJson(report, strict) {
  const ids = (kind) => [
    ...new Set(
      report.definitions.filter((d) => d.definition.kind === kind).map((d) => d.definition.value.id)
    )
  ].sort();
  return {
    ok: isValidationOk(report, strict),
    strict,
    source: report.source,
    ...report.rules ? { rules: report.rules } : {},
    findings: report.findings,
    counts: report.counts,
    definitions: { actions: ids("action"), runbooks: ids("runbook"), roles: ids("role") }
  };
}
function renderValidationText(report, strict) {
  const lines = report.findings.flatMap((f) => [
    `${f.file}:${f.line}:${f.col}: ${f.severity}[${f.code}] ${f.message}`,
    `  hint: ${f.hint}`
  ]);
  lines.push(renderSummary(report, strict));
  return lines.join("\n");
}
function renderSummary(report, strict) {
  const { errors, warnings, files } = report.counts;
  const json = toValidationJson(report, strict);
  const kinds = `${plural(json.definitions.actions.length, "action")}, ${plural(json.definitions.runbooks.length, "runbook")}, ${plural(json.definitions.roles.length, "role")}`;
  const verdict = isValidationOk(report, strict) ? "ok" : "FAILED";
  return `${verdict}: ${plural(errors, "error")}, ${plural(warnings, "warning")} in ${plural(files, "file")} (${report.source.label}: ${kinds}${report.rules ? `; rules of ${report.rules.label}` : ""})`;
}
function renderValidationGithub(report, strict) {
  const lines = report.findings.map((f) => {
    const level = f.severity === "error" || strict ? "error" : "warning";
    const props = [
      `file=${escapeProperty(f.file)}`,
      `line=${f.line}`,
      `col=${f.col}`,
      `title=${escapeProperty(`opsledger ${f.code}`)}`
    ].join(",");
    return `::${level} ${props}::${escapeData(`${f.message}. ${f.hint}`)}`;
  });
  lines.push(renderSummary(report, strict));
  return lines.join("\n");
}
function escapeData(text) {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(text) {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
function plural(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

export {
  isValidationOk,
  toValidationJson,
  renderValidationText,
  renderValidationGithub,
  escapeData,
  escapeProperty
};
