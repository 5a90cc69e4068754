function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }

// src/executions/recorded-via.ts
function recordedVia(record) {
  return record.recorded_via ?? (record.initiator.via === "cli" ? "local" : "server");
}
function stampRecordedVia(journal, via) {
  const append = journal.append.bind(journal);
  journal.append = (input) => append({ ...input, recorded_via: input.recorded_via ?? via });
  const conditional = journal;
  if (typeof conditional.appendIf === "function") {
    const appendIf = conditional.appendIf.bind(journal);
    conditional.appendIf = (input, when) => appendIf({ ...input, recorded_via: input.recorded_via ?? via }, when);
  }
  return journal;
}

export {
  recordedVia,
  stampRecordedVia
};
