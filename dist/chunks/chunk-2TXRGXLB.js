function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  writeFileDurably
} from "./chunk-VR7KHDFB.js";
import {
  OpsledgerError
} from "./chunk-WDLZ6EAF.js";
import {
  FileLockError,
  withFlock
} from "./chunk-75FD6FCD.js";

// src/state/open-state.ts
import { mkdirSync } from "node:fs";
import path from "node:path";
import { Low } from "lowdb";

// src/state/durable-json-file.ts
import { readFile } from "node:fs/promises";
var DurableJsonFile = class {
  constructor(file) {
    this.file = file;
  }
  file;
  async read() {
    let text;
    try {
      text = await readFile(this.file, "utf8");
    } catch (err) {
      if (err.code === "ENOENT") return null;
      throw err;
    }
    return JSON.parse(text);
  }
  async write(data) {
    await writeFileDurably(this.file, `${JSON.stringify(data, null, 2)}
`, 384);
  }
};

// src/state/open-state.ts
var NAME = /^[a-z][a-z0-9-]{0,62}$/;
function openState(dataDir, options = {}) {
  const dir = path.join(dataDir, "state");
  const fileOf = (name) => {
    if (!NAME.test(name)) throw new OpsledgerError("INTERNAL", `invalid state collection name "${name}"`);
    return path.join(dir, `${name}.json`);
  };
  const load = async (name, defaults) => {
    const db = new Low(new DurableJsonFile(fileOf(name)), defaults());
    try {
      await db.read();
    } catch (err) {
      throw new OpsledgerError(
        "STATE_UNAVAILABLE",
        `cannot read state ${fileOf(name)}: ${err.message}`,
        {
          cause: err
        }
      );
    }
    return db;
  };
  return {
    dir,
    fileOf,
    async read(name, defaults) {
      return (await load(name, defaults)).data;
    },
    async update(name, defaults, mutate) {
      const file = fileOf(name);
      try {
        mkdirSync(dir, { recursive: true, mode: 448 });
        const lock = { timeoutMs: options.lockTimeoutMs ?? 1e4, what: `the state file ${name}.json` };
        return await withFlock(`${file}.lock`, lock, async () => {
          const db = await load(name, defaults);
          const before = JSON.stringify(db.data);
          const result = await mutate(db.data);
          if (JSON.stringify(db.data) !== before) await db.write();
          return result;
        });
      } catch (err) {
        if (err instanceof OpsledgerError) throw err;
        if (err instanceof FileLockError && err.reason === "locked") {
          throw new OpsledgerError("STATE_LOCKED", err.message, { cause: err });
        }
        throw new OpsledgerError(
          "STATE_UNAVAILABLE",
          `cannot write state ${file}: ${err.message}`,
          {
            cause: err
          }
        );
      }
    }
  };
}

export {
  openState
};
