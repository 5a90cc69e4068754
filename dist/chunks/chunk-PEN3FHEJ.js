function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  describeSchemaError,
  usefulErrors
} from "./chunk-J7SPUE3Q.js";
import {
  locatePointer,
  parseYaml
} from "./chunk-O64KD3H5.js";

// src/definitions/parse-definition.ts
var SCHEMA_HINTS = {
  additionalProperties: "Remove the key or fix its spelling; the schema lists the allowed keys.",
  required: "Add the missing key.",
  enum: "Use one of the listed values.",
  pattern: "Change the value to match the expected form.",
  format: "Change the value to the expected format.",
  type: "Change the value to the expected type."
};
function parseDefinition(bytes, file, kind, validators) {
  const result = parseYaml(bytes, file);
  if (!result.ok) return result;
  const findings = checkSchema(result.parsed, file, validators[kind]);
  if (findings.length > 0) return { ok: false, findings };
  const definition = { kind, path: file, value: result.parsed.value };
  return { ok: true, definition, parsed: result.parsed };
}
function checkSchema(parsed, file, validate) {
  if (validate(parsed.value)) return [];
  return usefulErrors(validate.errors ?? []).map((e) => {
    const key = e.keyword === "additionalProperties" ? String(e.params.additionalProperty) : void 0;
    const pos = locatePointer(parsed, e.instancePath, key);
    return {
      code: "schema",
      file,
      line: pos.line,
      col: pos.col,
      message: describeSchemaError(e),
      hint: SCHEMA_HINTS[e.keyword] ?? "Fix the value so it matches the schema.",
      pointer: key === void 0 ? e.instancePath : `${e.instancePath}/${key}`,
      severity: "error"
    };
  });
}

export {
  parseDefinition,
  checkSchema
};
