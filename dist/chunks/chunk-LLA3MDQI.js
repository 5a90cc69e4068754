function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }

// src/state/is-absent.ts
import { statSync } from "node:fs";
function isAbsent(file) {
  try {
    return statSync(file, { throwIfNoEntry: false }) === void 0;
  } catch {
    return false;
  }
}

export {
  isAbsent
};
