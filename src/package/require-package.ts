/**
 * A dependency required on its first use instead of imported when its module is evaluated, with a `require` made
 * here (made without an ES import of node:module, whose facade loads more). For the packages an index update does not
 * need on its usual path: the YAML parser with source positions and Ajv, whose loading cost every update after a
 * commit ~60 ms though its blobs took js-yaml's fast path and the shipped schemas' standalone validators (README, CLI
 * start-up).
 */
export function requirePackage(name: string): unknown {
  return process.getBuiltinModule('node:module').createRequire(import.meta.url)(name);
}
