function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }

// src/definitions/sources/definition-source.ts
function isInside(path, dir) {
  return dir === "" || path === dir || path.startsWith(`${dir}/`);
}

// src/definitions/resolve-script-path.ts
var MAX_LINK_HOPS = 40;
async function resolveScriptPath(file, lookup) {
  if (file.startsWith("/") || /^[A-Za-z]:/.test(file)) {
    return { ok: false, code: "script-escapes", message: `script.file ${file} is an absolute path` };
  }
  const queue = [];
  for (const part of file.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (queue.length === 0) {
        return { ok: false, code: "script-escapes", message: `script.file ${file} leaves the repo` };
      }
      queue.pop();
    } else {
      queue.push(part);
    }
  }
  if (queue.length === 0) {
    return { ok: false, code: "script-missing", message: `script.file ${file} names the repo root` };
  }
  const done = [];
  let hops = 0;
  while (queue.length > 0) {
    const part = queue.shift();
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (done.length === 0) {
        return {
          ok: false,
          code: "script-symlink-out",
          message: `script.file ${file} links out of the repo`
        };
      }
      done.pop();
      continue;
    }
    const candidate = [...done, part].join("/");
    const info = await lookup(candidate);
    switch (info.type) {
      case "missing":
        return {
          ok: false,
          code: "script-missing",
          message: queue.length === 0 && hops === 0 ? `script.file ${file} does not exist` : `script.file ${file}: ${candidate} does not exist`
        };
      case "other":
        return {
          ok: false,
          code: "script-missing",
          message: `script.file ${file}: ${candidate} is not a regular file`
        };
      case "dir":
        if (queue.length === 0) {
          return { ok: false, code: "script-missing", message: `script.file ${file} is a directory` };
        }
        done.push(part);
        break;
      case "file":
        if (queue.length > 0) {
          return {
            ok: false,
            code: "script-missing",
            message: `script.file ${file}: ${candidate} is a file, not a directory`
          };
        }
        return { ok: true, path: candidate };
      case "symlink": {
        hops++;
        if (hops > MAX_LINK_HOPS) {
          return {
            ok: false,
            code: "script-missing",
            message: `script.file ${file}: too many symbolic links`
          };
        }
        if (info.target.startsWith("/")) {
          return {
            ok: false,
            code: "script-symlink-out",
            message: `script.file ${file}: ${candidate} links to ${info.target}, outside the repo`
          };
        }
        queue.unshift(...info.target.split("/"));
        break;
      }
    }
  }
  return { ok: false, code: "script-missing", message: `script.file ${file} does not name a file` };
}

export {
  isInside,
  resolveScriptPath
};
