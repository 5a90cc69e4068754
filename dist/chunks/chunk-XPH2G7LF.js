function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  describeScheduleProblem
} from "./chunk-YW6NSWKR.js";
import {
  listTemplateRefs,
  parseDuration
} from "./chunk-PXRWYUTO.js";
import {
  isInside,
  resolveScriptPath
} from "./chunk-GKUXOMQD.js";
import {
  matchGlob
} from "./chunk-NR2XG3EO.js";
import {
  checkSchema
} from "./chunk-PEN3FHEJ.js";
import {
  runGit,
  runGitRaw
} from "./chunk-AYTYQZ6H.js";
import {
  OpsledgerError
} from "./chunk-WDLZ6EAF.js";
import {
  SCHEMA_FILES,
  compileLinearPattern,
  compileValidators
} from "./chunk-J7SPUE3Q.js";
import {
  DEFINITION_KINDS,
  KIND_FOLDERS,
  kindOfPath
} from "./chunk-6O2CUPPL.js";
import {
  MAX_DEFINITION_BYTES,
  locatePointer,
  parseYaml
} from "./chunk-O64KD3H5.js";

// src/definitions/validate-source.ts
import path2 from "node:path/posix";

// src/definitions/finding-codes.ts
var FINDING_CODES = {
  // one file at a time: bytes and YAML
  "file-too-large": {
    severity: "error",
    summary: "the file is over the size limit (256 KiB)",
    hint: "Split the definition or move a long script into a script.file."
  },
  "invalid-utf8": {
    severity: "error",
    summary: "the file is not valid UTF-8",
    hint: "Save the file as UTF-8."
  },
  "empty-file": {
    severity: "error",
    summary: "the file holds no YAML document",
    hint: "Write one definition per file."
  },
  "yaml-syntax": {
    severity: "error",
    summary: "YAML syntax error (including duplicate keys)",
    hint: "Fix the YAML syntax at this place."
  },
  "multiple-documents": {
    severity: "error",
    summary: "more than one YAML document in a file",
    hint: "Keep one definition per file."
  },
  "alias-bomb": {
    severity: "error",
    summary: "YAML aliases that expand too far (billion laughs); refused without expanding",
    hint: "Write the values out; definitions must not use nested YAML aliases."
  },
  // one file at a time: place and schema
  schema: {
    severity: "error",
    summary: "the document does not match its JSON Schema (unknown key, missing key, wrong type, enum, pattern)",
    hint: "Fix the value so it matches the schema."
  },
  "schema-file-invalid": {
    severity: "error",
    summary: "a repo schema file under definitions/schema/ is not valid JSON or not a valid schema; opsledger's own copy is used instead",
    hint: "Fix the schema file or delete it to use the schema shipped with opsledger."
  },
  "wrong-folder": {
    severity: "error",
    summary: "a definition of one kind in the folder of another (a runbook under actions/)",
    hint: "Move the file to the folder of its kind."
  },
  "unknown-location": {
    severity: "warning",
    summary: "a YAML file under definitions/ outside actions/, runbooks/ and roles/; it is not loaded",
    hint: "Move it into definitions/actions/, definitions/runbooks/ or definitions/roles/."
  },
  "definition-symlink": {
    severity: "error",
    summary: "a definition file that is a symbolic link",
    hint: "Replace the link with the file itself; git history follows files, not links."
  },
  unmerged: {
    severity: "error",
    summary: "a definition file with an unresolved merge conflict in the index",
    hint: "Resolve the conflict and `git add` the file."
  },
  "id-filename-mismatch": {
    severity: "warning",
    summary: "the file name (without .yaml) differs from the id",
    hint: "Rename the file to <id>.yaml so people find it; history follows the id either way."
  },
  // across files
  "duplicate-id": {
    severity: "error",
    summary: "two files of the same kind declare the same id",
    hint: "Give one of them another id; ids are unique per kind across the repo."
  },
  "unknown-action": {
    severity: "error",
    summary: "a runbook step names an action id that no action file declares",
    hint: "Fix the action id or add the action."
  },
  "unknown-parameter": {
    severity: "error",
    summary: "a `with:` key that is not a parameter of the step's action",
    hint: "Remove the key or fix its spelling; the action lists its parameters."
  },
  "missing-parameter": {
    severity: "error",
    summary: "a required parameter without a default that the step does not set in `with:`",
    hint: "Set the parameter in the step's `with:`, or give it a default in the action."
  },
  "secret-in-with": {
    severity: "error",
    summary: "a step sets a secret parameter in `with:` (the value would live in the repo)",
    hint: "Remove the value; secret parameters are supplied at run time."
  },
  "with-type": {
    severity: "error",
    summary: "a `with:` value of the wrong type for the parameter",
    hint: "Use a value of the parameter's type (quote numbers meant as strings)."
  },
  "with-enum": {
    severity: "error",
    summary: "a `with:` value that is not one of the parameter's `enum` values",
    hint: "Use one of the values the parameter lists."
  },
  "with-pattern": {
    severity: "error",
    summary: "a `with:` value that does not match the parameter's `pattern`",
    hint: "Change the value to match the pattern."
  },
  "unknown-target": {
    severity: "error",
    summary: "a step target the action does not list in its `targets` (the run would be refused)",
    hint: "Add the target to the action or fix the step's target."
  },
  "step-action-not-released": {
    severity: "warning",
    summary: "a released runbook calls an action that is draft, approved or deprecated",
    hint: "Release the action first, or keep the runbook unreleased."
  },
  "unreachable-step": {
    severity: "warning",
    summary: "the first step has `when: on_failure`, so nothing before it can fail and it never runs",
    hint: "Use `when: on_success` or `always`, or move the step after the one it handles."
  },
  "duplicate-step-id": {
    severity: "error",
    summary: "two steps of one runbook share an id",
    hint: "Give each step its own id; step history follows it."
  },
  // one action
  "duplicate-parameter": {
    severity: "error",
    summary: "two parameters of one action share a name",
    hint: "Rename or remove one of them."
  },
  "secret-default": {
    severity: "error",
    summary: "a secret parameter with a default value (secrets never live in the repo)",
    hint: "Remove the default; the secret is supplied at run time."
  },
  "default-enum": {
    severity: "error",
    summary: "a parameter default that is not one of its `enum` values",
    hint: "Make the default one of the listed values."
  },
  "default-pattern": {
    severity: "error",
    summary: "a parameter default that does not match its `pattern`",
    hint: "Change the default or the pattern."
  },
  "pattern-invalid": {
    severity: "error",
    summary: "a parameter `pattern` that is not a valid (unicode) regular expression",
    hint: "Fix the regular expression; it is compiled with the `u` flag, like JSON Schema."
  },
  "pattern-unsupported": {
    severity: "error",
    summary: "a parameter `pattern` the linear-time regex engine cannot run: a backreference, a lookahead or lookbehind, a repeat over 1000",
    hint: "Rewrite the pattern without backreferences and lookarounds (no user pattern runs on a backtracking engine; see docs/security.md)."
  },
  "pattern-not-string": {
    severity: "error",
    summary: "a `pattern` on a parameter that is not a string",
    hint: "Remove the pattern, or use `enum` or the type to constrain the value."
  },
  "required-with-default": {
    severity: "warning",
    summary: "a parameter both `required: true` and with a default (the default always fills it)",
    hint: "Drop `required: true` or the default."
  },
  "schedule-invalid": {
    severity: "error",
    summary: "a `schedule` that croner cannot parse, with an unknown time zone, or that never fires",
    hint: "Use five fields (minute hour day-of-month month day-of-week), or six with seconds first; `timezone` is an IANA name."
  },
  "duration-invalid": {
    severity: "error",
    summary: "a step `delay` or `repeat.every` that is not an ISO 8601 duration of days, hours, minutes, seconds",
    hint: "Write it as PT30S, PT5M, PT1H or P1DT2H."
  },
  "repeat-unbounded": {
    severity: "error",
    summary: "a step `repeat` with neither `times` nor `until`",
    hint: "Add `times: N`, or `until: succeeded` (at most 100 runs unless `times` says otherwise)."
  },
  "expression-invalid": {
    severity: "error",
    summary: "a `${{ \u2026 }}` in a step `with` that is not params.NAME, steps.ID.status or steps.ID.exit_code, or names an unknown parameter or a step that does not come earlier",
    hint: "Declare the parameter under the runbook `parameters`, or refer to an earlier step id (docs/runbooks.md)."
  },
  "secret-expression": {
    severity: "error",
    summary: "a secret runbook parameter passed to an action parameter that is not secret (it would be recorded in clear)",
    hint: "Mark the action parameter `secret: true`, or do not pass the secret."
  },
  "script-missing": {
    severity: "error",
    summary: "a `script.file` that does not exist in the same source (work tree, index or commit), or is not a file",
    hint: "Add the script file (and `git add` it) or fix the path; it is relative to the repo root."
  },
  "script-escapes": {
    severity: "error",
    summary: "a `script.file` that is absolute or leaves the repo with `..`",
    hint: "Use a path relative to the repo root, e.g. definitions/scripts/NAME.sh."
  },
  "script-symlink-out": {
    severity: "error",
    summary: "a `script.file` that goes through a symbolic link pointing out of the repo",
    hint: "Copy the script into the repo; what runs must be versioned with the action."
  },
  // roles
  "scope-matches-nothing": {
    severity: "warning",
    summary: "a role scope glob that matches no action id",
    hint: "Fix the glob or remove it."
  },
  "unknown-tag": {
    severity: "warning",
    summary: "a role scope `tag:NAME` that no action carries",
    hint: "Fix the tag name or tag the actions it should cover."
  },
  "scope-unused": {
    severity: "warning",
    summary: "a role with a scope but without `actions:execute` or `admin` (the scope narrows only execution)",
    hint: "Add `actions:execute` or remove the scope."
  },
  "duplicate-member": {
    severity: "warning",
    summary: "the same email twice in one role, differing only in case (emails compare case-insensitively)",
    hint: "Keep one of them."
  }
};
function makeFinding(code, place, message, hint) {
  const entry = FINDING_CODES[code];
  const finding = {
    code,
    file: place.file,
    line: place.line,
    col: place.col,
    message,
    hint: hint ?? entry.hint,
    severity: entry.severity
  };
  if (place.pointer !== void 0) finding.pointer = place.pointer;
  return finding;
}

// src/definitions/rules/check-parameter-value.ts
function checkParameterValue(parameter, value) {
  const shown = parameter.secret === true ? "the value" : JSON.stringify(value);
  if (!fitsType(parameter.type, value)) {
    return {
      kind: "type",
      message: `${shown} is ${describeType(value)}, but parameter "${parameter.name}" is ${article(parameter.type)} ${parameter.type}`
    };
  }
  if (parameter.enum && !parameter.enum.some((allowed) => allowed === value)) {
    return {
      kind: "enum",
      message: `${shown} is not one of ${parameter.enum.map((v) => JSON.stringify(v)).join(", ")} (parameter "${parameter.name}")`
    };
  }
  if (parameter.pattern !== void 0 && typeof value === "string") {
    const regex = compilePattern(parameter.pattern);
    if (regex && !regex.test(value)) {
      return {
        kind: "pattern",
        message: `${shown} does not match /${parameter.pattern}/ (parameter "${parameter.name}")`
      };
    }
  }
  return null;
}
var compiledPatterns = /* @__PURE__ */ new Map();
function compilePattern(pattern) {
  let regex = compiledPatterns.get(pattern);
  if (regex === void 0) {
    const compiled = compileLinearPattern(pattern);
    regex = compiled.ok ? compiled.regex : null;
    if (compiledPatterns.size >= 1e4) compiledPatterns.clear();
    compiledPatterns.set(pattern, regex);
  }
  return regex;
}
function fitsType(type, value) {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "boolean":
      return typeof value === "boolean";
  }
}
function describeType(value) {
  if (typeof value === "number") return Number.isInteger(value) ? "an integer" : "a number";
  return typeof value === "string" ? "a string" : "a boolean";
}
function article(type) {
  return /^[aeiou]/.test(type) ? "an" : "a";
}

// src/definitions/rules/rule-context.ts
function createRuleContext(loaded) {
  const of = (kind) => loaded.definitions.filter((d) => d.definition.kind === kind);
  const actions = of("action");
  const actionById = /* @__PURE__ */ new Map();
  for (const action of actions) {
    if (!actionById.has(action.definition.value.id)) actionById.set(action.definition.value.id, action);
  }
  return {
    actions,
    runbooks: of("runbook"),
    roles: of("role"),
    actionById,
    brokenIds: loaded.brokenIds
  };
}
function placeOf(loaded, pointer, key) {
  const at = locatePointer(loaded.parsed, pointer, key);
  return {
    file: loaded.definition.path,
    line: at.line,
    col: at.col,
    pointer: key === void 0 ? pointer : `${pointer}/${escapePointer(key)}`
  };
}
function escapePointer(segment) {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}

// src/definitions/rules/check-schedule.ts
function checkSchedule(loaded) {
  const schedule = loaded.definition.value.schedule;
  if (schedule === void 0) return [];
  const problem = describeScheduleProblem(schedule);
  if (!problem) return [];
  const pointer = typeof schedule === "string" ? "/schedule" : /zone/.test(problem) ? "/schedule/timezone" : "/schedule/cron";
  const text = typeof schedule === "string" ? schedule : schedule.cron;
  return [makeFinding("schedule-invalid", placeOf(loaded, pointer), `schedule "${text}": ${problem}`)];
}

// src/definitions/rules/check-action.ts
function checkAction(action) {
  const findings = [];
  const value = action.definition.value;
  const seen = /* @__PURE__ */ new Map();
  (value.parameters ?? []).forEach((parameter, index) => {
    const at = `/parameters/${index}`;
    const first = seen.get(parameter.name);
    if (first !== void 0) {
      findings.push(
        makeFinding(
          "duplicate-parameter",
          placeOf(action, `${at}/name`),
          `parameter "${parameter.name}" is declared twice (also parameters[${first}])`
        )
      );
    } else {
      seen.set(parameter.name, index);
    }
    if (parameter.pattern !== void 0) {
      if (parameter.type !== "string") {
        findings.push(
          makeFinding(
            "pattern-not-string",
            placeOf(action, `${at}/pattern`),
            `parameter "${parameter.name}" is ${parameter.type === "integer" ? "an" : "a"} ${parameter.type}; a pattern only applies to strings`
          )
        );
      } else {
        const compiled = compileLinearPattern(parameter.pattern);
        if (!compiled.ok) {
          const invalid = compiled.reason === "invalid";
          findings.push(
            makeFinding(
              invalid ? "pattern-invalid" : "pattern-unsupported",
              placeOf(action, `${at}/pattern`),
              invalid ? `pattern /${parameter.pattern}/ of parameter "${parameter.name}" is not a valid unicode regular expression` : `pattern /${parameter.pattern}/ of parameter "${parameter.name}" cannot be matched in linear time: ${compiled.message}`
            )
          );
        }
      }
    }
    if (parameter.default === void 0) return;
    if (parameter.secret === true) {
      findings.push(
        makeFinding(
          "secret-default",
          placeOf(action, `${at}/default`),
          `secret parameter "${parameter.name}" has a default value; secrets never live in the repo`
        )
      );
      return;
    }
    if (parameter.required === true) {
      findings.push(
        makeFinding(
          "required-with-default",
          placeOf(action, `${at}/required`),
          `parameter "${parameter.name}" is required but has a default, so it is never missing`
        )
      );
    }
    const problem = checkParameterValue(parameter, parameter.default);
    if (problem?.kind === "enum") {
      findings.push(
        makeFinding("default-enum", placeOf(action, `${at}/default`), `default ${problem.message}`)
      );
    } else if (problem?.kind === "pattern") {
      findings.push(
        makeFinding("default-pattern", placeOf(action, `${at}/default`), `default ${problem.message}`)
      );
    }
  });
  findings.push(...checkSchedule(action));
  return findings;
}

// src/definitions/rules/check-duplicate-ids.ts
function checkDuplicateIds(definitions) {
  const groups = /* @__PURE__ */ new Map();
  for (const loaded of definitions) {
    const key = `${loaded.definition.kind}\0${loaded.definition.value.id}`;
    groups.set(key, [...groups.get(key) ?? [], loaded]);
  }
  const findings = [];
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const places = group.map((loaded) => placeOf(loaded, "/id"));
    group.forEach((loaded, i) => {
      const others = places.filter((_, j) => j !== i).map((p) => `${p.file}:${p.line}`).join(", ");
      const { kind, value } = loaded.definition;
      findings.push(
        makeFinding("duplicate-id", places[i], `${kind} id "${value.id}" is also declared in ${others}`)
      );
    });
  }
  return findings;
}

// src/definitions/rules/check-role.ts
function checkRole(role, ctx) {
  const findings = [];
  const value = role.definition.value;
  const seen = /* @__PURE__ */ new Map();
  value.members.forEach((member, index) => {
    const key = member.toLowerCase();
    const first = seen.get(key);
    if (first === void 0) {
      seen.set(key, index);
      return;
    }
    findings.push(
      makeFinding(
        "duplicate-member",
        placeOf(role, `/members/${index}`),
        `member ${member} is listed twice (also as ${value.members[first]}); emails compare case-insensitively`
      )
    );
  });
  const scope = value.scope?.actions;
  if (!scope) return findings;
  if (!value.permissions.includes("actions:execute") && !value.permissions.includes("admin")) {
    findings.push(
      makeFinding(
        "scope-unused",
        placeOf(role, "/scope"),
        `role "${value.id}" has a scope but cannot execute actions; the scope narrows only actions:execute`
      )
    );
  }
  const ids = /* @__PURE__ */ new Set([...ctx.actionById.keys(), ...ctx.brokenIds.action]);
  const tags = new Set(ctx.actions.flatMap((a) => a.definition.value.tags ?? []));
  scope.forEach((item, index) => {
    if (item.startsWith("tag:")) {
      const tag = item.slice("tag:".length);
      if (!tags.has(tag)) {
        findings.push(
          makeFinding(
            "unknown-tag",
            placeOf(role, `/scope/actions/${index}`),
            `no action carries the tag "${tag}"`
          )
        );
      }
      return;
    }
    if (![...ids].some((id) => matchGlob(item, id))) {
      findings.push(
        makeFinding(
          "scope-matches-nothing",
          placeOf(role, `/scope/actions/${index}`),
          `scope "${item}" matches no action id`
        )
      );
    }
  });
  return findings;
}

// src/definitions/rules/suggest-closest.ts
function suggestClosest(word, candidates) {
  let best = null;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
function editDistance(a, b) {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
    }
    previous = current;
  }
  return previous[b.length];
}

// src/definitions/rules/check-runbook.ts
var VALUE_CODES = { type: "with-type", enum: "with-enum", pattern: "with-pattern" };
function checkRunbook(runbook, ctx) {
  const findings = [];
  const value = runbook.definition.value;
  const stepIds = /* @__PURE__ */ new Map();
  findings.push(...checkSchedule(runbook));
  value.steps.forEach((step, index) => {
    const at = `/steps/${index}`;
    findings.push(...checkStepTiming(runbook, step, at));
    const first = stepIds.get(step.id);
    if (first !== void 0) {
      findings.push(
        makeFinding(
          "duplicate-step-id",
          placeOf(runbook, `${at}/id`),
          `step id "${step.id}" is used twice in runbook "${value.id}" (also steps[${first}])`
        )
      );
    } else {
      stepIds.set(step.id, index);
    }
    if (index === 0 && step.when === "on_failure") {
      findings.push(
        makeFinding(
          "unreachable-step",
          placeOf(runbook, `${at}/when`),
          `step "${step.id}" is the first step and runs only on failure, so it never runs`
        )
      );
    }
    const action = ctx.actionById.get(step.action);
    if (!action) {
      if (ctx.brokenIds.action.has(step.action)) return;
      const closest = suggestClosest(step.action, ctx.actionById.keys());
      findings.push(
        makeFinding(
          "unknown-action",
          placeOf(runbook, `${at}/action`),
          `step "${step.id}" calls action "${step.action}", which no file under actions/ declares`,
          closest ? `Did you mean "${closest}"?` : void 0
        )
      );
      return;
    }
    const actionValue = action.definition.value;
    const parameters = actionValue.parameters ?? [];
    const given = step.with ?? {};
    for (const [key, givenValue] of Object.entries(given)) {
      const parameter = parameters.find((p) => p.name === key);
      if (!parameter) {
        const closest = suggestClosest(
          key,
          parameters.map((p) => p.name)
        );
        findings.push(
          makeFinding(
            "unknown-parameter",
            placeOf(runbook, `${at}/with`, key),
            `"${key}" is not a parameter of action "${actionValue.id}" (it has: ${parameters.map((p) => p.name).join(", ") || "none"})`,
            closest ? `Did you mean "${closest}"?` : void 0
          )
        );
        continue;
      }
      const refs = checkRefs(runbook, step, stepIds, `${at}/with/${key}`, givenValue);
      if (refs.problem) {
        findings.push(refs.problem);
        continue;
      }
      if (parameter.secret === true && !refs.secret) {
        findings.push(
          makeFinding(
            "secret-in-with",
            placeOf(runbook, `${at}/with`, key),
            `step "${step.id}" sets secret parameter "${key}" of action "${actionValue.id}"; its value would live in the repo`
          )
        );
        continue;
      }
      if (refs.secret && parameter.secret !== true) {
        findings.push(
          makeFinding(
            "secret-expression",
            placeOf(runbook, `${at}/with/${key}`),
            `step "${step.id}" passes a secret runbook parameter to "${key}" of action "${actionValue.id}", which is not secret`
          )
        );
        continue;
      }
      if (refs.any) continue;
      const problem = checkParameterValue(parameter, givenValue);
      if (problem) {
        findings.push(
          makeFinding(VALUE_CODES[problem.kind], placeOf(runbook, `${at}/with/${key}`), problem.message)
        );
      }
    }
    for (const parameter of parameters) {
      if (parameter.required !== true || parameter.default !== void 0 || parameter.secret === true)
        continue;
      if (Object.hasOwn(given, parameter.name)) continue;
      findings.push(
        makeFinding(
          "missing-parameter",
          placeOf(runbook, step.with ? `${at}/with` : at),
          `step "${step.id}" does not set required parameter "${parameter.name}" of action "${actionValue.id}", which has no default`
        )
      );
    }
    const known = actionValue.targets ?? [];
    if (known.length > 0) {
      for (const target of step.targets ?? []) {
        if (known.includes(target)) continue;
        findings.push(
          makeFinding(
            "unknown-target",
            placeOf(runbook, `${at}/targets`),
            `step "${step.id}" targets "${target}", which action "${actionValue.id}" does not list (${known.join(", ")})`
          )
        );
      }
    }
    const unreleased = value.status === "released" && actionValue.status !== "released" || actionValue.status === "deprecated" && value.status !== "deprecated";
    if (unreleased) {
      findings.push(
        makeFinding(
          "step-action-not-released",
          placeOf(runbook, `${at}/action`),
          `${value.status} runbook "${value.id}" calls action "${actionValue.id}", which is ${actionValue.status}`
        )
      );
    }
  });
  return findings;
}
function checkStepTiming(runbook, step, at) {
  const findings = [];
  const durations = [
    [`${at}/delay`, step.delay],
    [`${at}/repeat/every`, step.repeat?.every]
  ];
  for (const [pointer, text] of durations) {
    if (text !== void 0 && parseDuration(text) === null) {
      findings.push(
        makeFinding("duration-invalid", placeOf(runbook, pointer), `"${text}" is not an ISO 8601 duration`)
      );
    }
  }
  if (step.repeat && step.repeat.times === void 0 && step.repeat.until === void 0) {
    findings.push(
      makeFinding(
        "repeat-unbounded",
        placeOf(runbook, `${at}/repeat`),
        `step "${step.id}" repeats with neither times nor until`
      )
    );
  }
  return findings;
}
function checkRefs(runbook, step, earlier, pointer, value) {
  const params = runbook.definition.value.parameters ?? [];
  let refs;
  try {
    refs = listTemplateRefs(value);
  } catch (err) {
    return {
      problem: makeFinding("expression-invalid", placeOf(runbook, pointer), err.message),
      secret: false,
      any: true
    };
  }
  let secret = false;
  for (const ref of refs) {
    if (ref.kind === "param") {
      const declared = params.find((p) => p.name === ref.name);
      if (!declared) {
        const message = `step "${step.id}" uses params.${ref.name}, which runbook "${runbook.definition.value.id}" does not declare`;
        return {
          problem: makeFinding("expression-invalid", placeOf(runbook, pointer), message),
          secret,
          any: true
        };
      }
      secret ||= declared.secret === true;
    } else if (!earlier.has(ref.step) || ref.step === step.id) {
      const message = `step "${step.id}" uses steps.${ref.step}.${ref.field}, but no earlier step has that id`;
      return {
        problem: makeFinding("expression-invalid", placeOf(runbook, pointer), message),
        secret,
        any: true
      };
    }
  }
  return { secret, any: refs.length > 0 };
}

// src/definitions/check-definitions.ts
function checkDefinitions(loaded) {
  const ctx = createRuleContext(loaded);
  return [
    ...checkDuplicateIds(loaded.definitions),
    ...ctx.actions.flatMap((action) => checkAction(action)),
    ...ctx.runbooks.flatMap((runbook) => checkRunbook(runbook, ctx)),
    ...ctx.roles.flatMap((role) => checkRole(role, ctx))
  ];
}

// src/definitions/check-scripts.ts
async function checkScripts(definitions, source) {
  const findings = [];
  for (const loaded of definitions) {
    if (loaded.definition.kind !== "action") continue;
    const file = loaded.definition.value.script.file;
    if (file === void 0) continue;
    const resolved = await resolveScriptPath(file, (path3) => source.lookup(path3));
    if (resolved.ok) continue;
    const message = resolved.code === "script-missing" ? `${resolved.message} in the ${source.label}` : resolved.message;
    findings.push(makeFinding(resolved.code, placeOf(loaded, "/script/file"), message));
  }
  return findings;
}

// src/definitions/load-definitions.ts
import path from "node:path/posix";

// src/definitions/load-source-validators.ts
async function loadSourceValidators(source, definitionsDir) {
  const names = Object.keys(SCHEMA_FILES);
  const pathOf = (name) => `${definitionsDir}/schema/${SCHEMA_FILES[name]}`;
  const contents = await source.read(names.map(pathOf), 4 * 1024 * 1024);
  const texts = {};
  for (const name of names) {
    const bytes = contents.get(pathOf(name))?.bytes;
    if (bytes) texts[name] = bytes.toString("utf8");
  }
  const { validators, problems } = compileValidators(texts);
  const findings = problems.map((problem) => {
    const text = texts[problem.name] ?? "";
    const at = lineColAt(text, problem.offset ?? 0);
    return makeFinding(
      "schema-file-invalid",
      { file: pathOf(problem.name), ...at },
      `${problem.message}; using the schema shipped with opsledger instead`
    );
  });
  return { validators, findings };
}
function lineColAt(text, offset) {
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, col: (before[before.length - 1]?.length ?? 0) + 1 };
}

// src/definitions/load-definitions.ts
var NON_DEFINITION_FOLDERS = ["schema", "scripts"];
async function loadDefinitions(source, options = {}) {
  const definitionsDir = options.definitionsDir ?? "definitions";
  const findings = [];
  let validators = options.validators;
  if (!validators) {
    const loaded = await loadSourceValidators(source, definitionsDir);
    validators = loaded.validators;
    findings.push(...loaded.findings);
  }
  const entries = await source.list(definitionsDir);
  const candidates = [];
  for (const entry of entries) {
    const kind = kindOfPath(entry.path, definitionsDir);
    if (kind === null) {
      if (isStrayYaml(entry.path, definitionsDir)) {
        findings.push(
          makeFinding(
            "unknown-location",
            { file: entry.path, line: 1, col: 1 },
            `${entry.path} is not under ${DEFINITION_KINDS.map((k) => `${definitionsDir}/${KIND_FOLDERS[k]}/`).join(", ")}; it is not loaded`
          )
        );
      }
      continue;
    }
    if (entry.type === "unmerged") {
      findings.push(
        makeFinding(
          "unmerged",
          { file: entry.path, line: 1, col: 1 },
          `${entry.path} has an unresolved merge conflict`
        )
      );
    } else if (entry.type === "symlink") {
      findings.push(
        makeFinding(
          "definition-symlink",
          { file: entry.path, line: 1, col: 1 },
          `${entry.path} is a symbolic link`
        )
      );
    } else if (entry.type === "file") {
      candidates.push({ path: entry.path, kind });
    }
  }
  const contents = await source.read(
    candidates.map((c) => c.path),
    MAX_DEFINITION_BYTES
  );
  const result = {
    definitions: [],
    brokenIds: { action: /* @__PURE__ */ new Set(), runbook: /* @__PURE__ */ new Set(), role: /* @__PURE__ */ new Set() },
    files: candidates.map((c) => c.path),
    findings
  };
  for (const { path: file, kind } of candidates) {
    const content = contents.get(file);
    if (!content) continue;
    const loaded = loadOne(content.bytes ?? content.size, file, kind, validators);
    if (loaded.ok) result.definitions.push(loaded.value);
    else {
      findings.push(...loaded.findings);
      if (loaded.id !== void 0) result.brokenIds[kind].add(loaded.id);
    }
    if (loaded.ok) findings.push(...checkFileName(loaded.value));
  }
  return result;
}
function loadOne(bytesOrSize, file, kind, validators) {
  if (typeof bytesOrSize === "number") {
    return {
      ok: false,
      findings: [
        makeFinding(
          "file-too-large",
          { file, line: 1, col: 1 },
          `file is ${bytesOrSize} bytes, over the ${MAX_DEFINITION_BYTES}-byte limit`
        )
      ]
    };
  }
  const parsed = parseYaml(bytesOrSize, file);
  if (!parsed.ok) return { ok: false, findings: parsed.findings };
  const value = parsed.parsed.value;
  const id = isRecord(value) && typeof value.id === "string" ? value.id : void 0;
  const guessed = guessKind(value);
  if (guessed !== null && guessed !== kind) {
    const at = locatePointer(parsed.parsed, "");
    return {
      ok: false,
      id,
      findings: [
        makeFinding(
          "wrong-folder",
          { file, ...at },
          `${file} looks like a ${guessed} but sits in the ${KIND_FOLDERS[kind]}/ folder`,
          `Move it to the ${KIND_FOLDERS[guessed]}/ folder of the definitions.`
        )
      ]
    };
  }
  const schemaFindings = checkSchema(parsed.parsed, file, validators[kind]);
  if (schemaFindings.length > 0) return { ok: false, id, findings: schemaFindings };
  const definition = { kind, path: file, value };
  return { ok: true, value: { definition, parsed: parsed.parsed } };
}
function guessKind(value) {
  if (!isRecord(value)) return null;
  if (Array.isArray(value.steps) && !("script" in value)) return "runbook";
  if (("members" in value || "permissions" in value) && !("script" in value) && !("steps" in value)) {
    return "role";
  }
  if (isRecord(value.script) && !("steps" in value)) return "action";
  return null;
}
function checkFileName(loaded) {
  const { definition, parsed } = loaded;
  const base = path.basename(definition.path).replace(/\.ya?ml$/i, "");
  if (base === definition.value.id) return [];
  return [
    makeFinding(
      "id-filename-mismatch",
      { file: definition.path, ...locatePointer(parsed, "/id"), pointer: "/id" },
      `id "${definition.value.id}" differs from the file name ${path.basename(definition.path)}`
    )
  ];
}
function isStrayYaml(file, definitionsDir) {
  if (!/\.ya?ml$/i.test(file)) return false;
  return !NON_DEFINITION_FOLDERS.some((folder) => isInside(file, `${definitionsDir}/${folder}`));
}
function isRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// src/definitions/validate-source.ts
var CONFIG_PATH = "opsledger.yaml";
async function validateSource(source, options = {}) {
  const config = await readConfig(
    source,
    options.rules === void 0 ? void 0 : await readRules(options.rules)
  );
  const { rules } = config;
  const dirs = [.../* @__PURE__ */ new Set([rules.definitionsDir, config.ownDefinitionsDir])];
  const loads = await Promise.all(
    dirs.map((definitionsDir) => loadDefinitions(source, { definitionsDir, validators: rules.validators }))
  );
  const definitions = loads.flatMap((loaded) => loaded.definitions);
  const all = [
    ...config.findings,
    ...config.schemaFindings,
    ...loads.flatMap((loaded) => [...loaded.findings, ...checkDefinitions(loaded)]),
    ...await checkScripts(definitions, source)
  ];
  const scopes = options.paths && options.paths.length > 0 ? options.paths : [""];
  const inScope = (file) => scopes.some((scope) => isInside(file, scope));
  const findings = dedupe(all.filter((f) => inScope(f.file))).sort(compareFindings);
  const files = [
    .../* @__PURE__ */ new Set([...config.present ? [CONFIG_PATH] : [], ...loads.flatMap((loaded) => loaded.files)])
  ].filter(inScope);
  const errors = findings.filter((f) => f.severity === "error").length;
  const rulesFrom = options.rules;
  return {
    source: { kind: source.kind, label: source.label, ...source.rev ? { rev: source.rev } : {} },
    ...rulesFrom === void 0 ? {} : {
      rules: rulesFrom === "shipped" ? { label: "opsledger defaults" } : { label: rulesFrom.label, ...rulesFrom.rev ? { rev: rulesFrom.rev } : {} }
    },
    definitionsDir: rules.definitionsDir,
    branch: rules.branch,
    findings,
    files,
    definitions: dedupeDefinitions(definitions).filter((d) => inScope(d.definition.path)),
    counts: { errors, warnings: findings.length - errors, files: files.length }
  };
}
var DEFAULT_RULES = { definitionsDir: "definitions", branch: "main" };
async function readRules(from) {
  if (from === "shipped") return { ...DEFAULT_RULES, validators: compileValidators({}).validators };
  const config = await readConfig(from);
  return config.rules;
}
async function readConfig(source, given) {
  const fallbackDir = given?.definitionsDir ?? DEFAULT_RULES.definitionsDir;
  const settle = async (present, findings2, value2) => {
    const ownDefinitionsDir = value2?.definitionsDir ?? fallbackDir;
    if (given) return { present, rules: given, ownDefinitionsDir, findings: findings2, schemaFindings: [] };
    const definitionsDir2 = value2?.definitionsDir ?? DEFAULT_RULES.definitionsDir;
    const schema = await loadSourceValidators(source, definitionsDir2);
    const rules = {
      definitionsDir: definitionsDir2,
      branch: value2?.branch ?? DEFAULT_RULES.branch,
      validators: schema.validators
    };
    return { present, rules, ownDefinitionsDir, findings: findings2, schemaFindings: schema.findings };
  };
  const content = (await source.read([CONFIG_PATH], MAX_DEFINITION_BYTES)).get(CONFIG_PATH);
  if (!content) return settle(false, []);
  if (!content.bytes) {
    const message = `file is ${content.size} bytes, over the ${MAX_DEFINITION_BYTES}-byte limit`;
    return settle(true, [makeFinding("file-too-large", { file: CONFIG_PATH, line: 1, col: 1 }, message)]);
  }
  const parsed = parseYaml(content.bytes, CONFIG_PATH);
  if (!parsed.ok) return settle(true, parsed.findings);
  const validators = given?.validators ?? (await loadSourceValidators(source, DEFAULT_RULES.definitionsDir)).validators;
  const findings = checkSchema(parsed.parsed, CONFIG_PATH, validators.config);
  if (findings.length > 0) return settle(true, findings);
  const value = parsed.parsed.value ?? {};
  const dir = path2.normalize(value.paths?.definitions ?? DEFAULT_RULES.definitionsDir).replace(/\/+$/, "");
  const definitionsDir = dir.startsWith("..") || dir.startsWith("/") || dir === "." ? void 0 : dir;
  return settle(true, [], {
    ...value.branch === void 0 ? {} : { branch: value.branch },
    ...definitionsDir === void 0 ? {} : { definitionsDir }
  });
}
function compareFindings(a, b) {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  if (a.col !== b.col) return a.col - b.col;
  if (a.code !== b.code) return a.code < b.code ? -1 : 1;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}
function dedupe(findings) {
  const seen = /* @__PURE__ */ new Set();
  return findings.filter((f) => {
    const key = `${f.file}:${f.line}:${f.col}:${f.code}:${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
function dedupeDefinitions(definitions) {
  const seen = /* @__PURE__ */ new Set();
  return definitions.filter((d) => {
    if (seen.has(d.definition.path)) return false;
    seen.add(d.definition.path);
    return true;
  });
}

// src/definitions/sources/read-git-blobs.ts
import { spawn } from "node:child_process";
function readGitBlobs(gitDir, oids, maxBytes) {
  const unique = [...new Set(oids)];
  const result = /* @__PURE__ */ new Map();
  if (unique.length === 0) return Promise.resolve(result);
  return new Promise((resolve, reject) => {
    const child = spawn("git", ["cat-file", "--batch"], {
      cwd: gitDir,
      env: { ...process.env, LC_ALL: "C" },
      stdio: ["pipe", "pipe", "pipe"]
    });
    const parser = createBatchParser(maxBytes, (oid, content) => result.set(oid, content));
    const stderr = [];
    child.stdout.on("data", (chunk) => parser.push(chunk));
    child.stderr.on("data", (chunk) => stderr.push(chunk));
    child.on(
      "error",
      (err) => reject(new OpsledgerError("GIT_FAILED", `cannot start git: ${err.message}`, { cause: err }))
    );
    child.on("close", (code) => {
      if (code !== 0) {
        const message = Buffer.concat(stderr).toString("utf8").trim();
        reject(new OpsledgerError("GIT_FAILED", `git cat-file --batch failed: ${message || code}`));
        return;
      }
      resolve(result);
    });
    child.stdin.on("error", () => void 0);
    child.stdin.end(`${unique.join("\n")}
`);
  });
}
function createBatchParser(maxBytes, onBlob) {
  let buffer = Buffer.alloc(0);
  let pending = null;
  return {
    push(chunk) {
      buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
      for (; ; ) {
        if (pending === null) {
          const eol = buffer.indexOf(10);
          if (eol < 0) return;
          const header = buffer.subarray(0, eol).toString("utf8").split(" ");
          buffer = buffer.subarray(eol + 1);
          if (header.length < 3) continue;
          const size = Number(header[2]);
          pending = { oid: header[0], size, keep: size <= maxBytes, parts: [], remaining: size + 1 };
          continue;
        }
        const take = Math.min(pending.remaining, buffer.length);
        if (take === 0) return;
        if (pending.keep) pending.parts.push(Buffer.from(buffer.subarray(0, take)));
        pending.remaining -= take;
        buffer = buffer.subarray(take);
        if (pending.remaining > 0) return;
        const content = { size: pending.size };
        if (pending.keep) content.bytes = Buffer.concat(pending.parts).subarray(0, pending.size);
        onBlob(pending.oid, content);
        pending = null;
      }
    }
  };
}

// src/definitions/sources/git-entries-source.ts
function typeOfMode(mode) {
  if (mode === "120000") return "symlink";
  if (mode === "100644" || mode === "100755") return "file";
  return "other";
}
function createGitEntriesSource(options) {
  const { gitDir, entries } = options;
  const dirs = /* @__PURE__ */ new Set([""]);
  for (const path3 of entries.keys()) {
    for (let i = path3.indexOf("/"); i >= 0; i = path3.indexOf("/", i + 1)) dirs.add(path3.slice(0, i));
  }
  const sorted = [...entries.keys()].sort();
  const source = {
    kind: options.kind,
    label: options.label,
    list(dir) {
      return Promise.resolve(
        sorted.filter((path3) => isInside(path3, dir) && path3 !== dir).map((path3) => {
          const entry = entries.get(path3);
          return { path: path3, type: entry.stage > 0 ? "unmerged" : typeOfMode(entry.mode) };
        })
      );
    },
    async read(paths, maxBytes) {
      const wanted = paths.flatMap((path3) => {
        const entry = entries.get(path3);
        return entry && entry.stage === 0 && typeOfMode(entry.mode) === "file" ? [[path3, entry.oid]] : [];
      });
      const blobs = await readGitBlobs(
        gitDir,
        wanted.map(([, oid]) => oid),
        maxBytes
      );
      const result = /* @__PURE__ */ new Map();
      for (const [path3, oid] of wanted) {
        const blob = blobs.get(oid);
        if (blob) result.set(path3, blob);
      }
      return result;
    },
    async lookup(path3) {
      const entry = entries.get(path3);
      if (!entry) return dirs.has(path3) ? { type: "dir" } : { type: "missing" };
      const type = typeOfMode(entry.mode);
      if (type === "symlink") {
        const target = await runGit(gitDir, ["cat-file", "blob", entry.oid]);
        return { type: "symlink", target };
      }
      return type === "file" && entry.stage === 0 ? { type: "file" } : { type: "other" };
    }
  };
  if (options.rev !== void 0) return { ...source, rev: options.rev };
  return source;
}
function parseGitListing(output, format) {
  const entries = /* @__PURE__ */ new Map();
  for (const record of output.split("\0")) {
    if (record === "") continue;
    const tab = record.indexOf("	");
    const fields = record.slice(0, tab).split(" ");
    const path3 = record.slice(tab + 1);
    if (format === "ls-files") {
      const stage = Number(fields[2]);
      const existing = entries.get(path3);
      if (!existing || stage > 0) entries.set(path3, { mode: fields[0], oid: fields[1], stage });
    } else {
      if (fields[1] === "tree") continue;
      entries.set(path3, { mode: fields[0], oid: fields[2], stage: 0 });
    }
  }
  return entries;
}

// src/definitions/sources/open-tree-source.ts
async function openTreeSource(gitDir, rev) {
  if (rev.startsWith("-")) throw new OpsledgerError("INPUT_INVALID", `not a revision: ${rev}`);
  let sha = await resolveTreeish(gitDir, `${rev}^{commit}`);
  const isCommit = sha !== null;
  sha ??= await resolveTreeish(gitDir, `${rev}^{tree}`);
  if (sha === null) {
    throw new OpsledgerError("INPUT_INVALID", `no commit or tree named ${rev}`, {
      hint: "Name a commit, branch or tag that exists: `git rev-parse REV` must succeed."
    });
  }
  const output = await runGit(gitDir, ["ls-tree", "-r", "-z", "--full-tree", sha]);
  return createGitEntriesSource({
    gitDir,
    kind: "tree",
    label: `${isCommit ? "commit" : "tree"} ${sha.slice(0, 12)}`,
    rev: sha,
    entries: parseGitListing(output, "ls-tree")
  });
}
async function resolveTreeish(gitDir, spec) {
  const result = await runGitRaw(gitDir, ["rev-parse", "--verify", "--quiet", "--end-of-options", spec]);
  return result.code === 0 ? result.stdout.trim() : null;
}

export {
  createGitEntriesSource,
  parseGitListing,
  openTreeSource,
  validateSource,
  readRules
};
