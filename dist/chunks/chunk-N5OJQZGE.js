function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }

// src/package/require-package.ts
function requirePackage(name) {
  return process.getBuiltinModule("node:module").createRequire(import.meta.url)(name);
}

export {
  requirePackage
};
