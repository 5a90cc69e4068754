/**
 * A dependency required on its first use instead of imported when its module is evaluated, with a `require` made
 * here (made without an ES import of node:module, whose facade loads more). For the packages a command's usual path
 * does not need: fs-ext (a native addon, for the first lock), cli-progress (a bar on a terminal), the YAML parser with
 * source positions and Ajv (an index update whose blobs take js-yaml's fast path and the shipped schemas' standalone
 * validators needs neither: ~60 ms of every update after a commit; README, CLI start-up).
 */
export function requirePackage(name: string): unknown {
  return process.getBuiltinModule('node:module').createRequire(import.meta.url)(name);
}
