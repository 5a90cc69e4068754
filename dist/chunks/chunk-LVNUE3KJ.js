function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  OpsledgerError
} from "./chunk-WDLZ6EAF.js";

// src/git/cat-file-batch.ts
function openCatFileBatch(dir) {
  const { spawn } = process.getBuiltinModule("node:child_process");
  const child = spawn("git", ["cat-file", "--batch"], {
    cwd: dir,
    env: { ...process.env, GIT_TERMINAL_PROMPT: "0", LC_ALL: "C" },
    stdio: ["pipe", "pipe", "pipe"]
  });
  const queue = [];
  let failure = null;
  let stderr = "";
  const closed = new Promise((resolve) => child.on("close", () => resolve()));
  const fail = (err) => {
    failure ??= err;
    for (const p of queue.splice(0)) p.reject(err);
  };
  child.on(
    "error",
    (e) => fail(new OpsledgerError("GIT_FAILED", `cannot start git cat-file: ${e.message}`, { cause: e }))
  );
  child.stdin.on("error", (e) => fail(new OpsledgerError("GIT_FAILED", `git cat-file: ${e.message}`)));
  child.stderr.on("data", (b) => stderr += b.toString("utf8"));
  child.on("close", (code) => {
    if (queue.length > 0) {
      fail(new OpsledgerError("GIT_FAILED", `git cat-file --batch exited (${code}): ${stderr.trim()}`));
    }
  });
  const chunks = [];
  let buffered = 0;
  child.stdout.on("data", (chunk) => {
    chunks.push(chunk);
    buffered += chunk.length;
    drain();
  });
  function head(n) {
    if (chunks[0].length < n) {
      let count = 1;
      for (let have = chunks[0].length; have < n; count++) have += chunks[count].length;
      chunks.splice(0, count, Buffer.concat(chunks.slice(0, count)));
    }
    return chunks[0].subarray(0, n);
  }
  function consume(n) {
    buffered -= n;
    while (n > 0) {
      const first = chunks[0];
      if (first.length > n) {
        chunks[0] = first.subarray(n);
        return;
      }
      n -= first.length;
      chunks.shift();
    }
  }
  function newline() {
    let offset = 0;
    for (const chunk of chunks) {
      const at = chunk.indexOf(10);
      if (at !== -1) return offset + at;
      offset += chunk.length;
    }
    return -1;
  }
  function drain() {
    for (; ; ) {
      const pending = queue[0];
      if (!pending) return;
      const nl = newline();
      if (nl === -1) return;
      const header = head(nl).toString("utf8");
      if (header.endsWith(" missing") || header.endsWith(" ambiguous")) {
        consume(nl + 1);
        queue.shift();
        pending.resolve(null);
        continue;
      }
      const [oid, type, sizeText] = header.split(" ");
      const size = Number(sizeText);
      if (!oid || !type || !Number.isInteger(size)) {
        fail(new OpsledgerError("GIT_FAILED", `unexpected git cat-file output: ${header}`));
        return;
      }
      if (buffered < nl + 1 + size + 1) return;
      const content = head(nl + 1 + size).subarray(nl + 1);
      consume(nl + 1 + size + 1);
      queue.shift();
      pending.resolve({ oid, type, content });
    }
  }
  function request(name) {
    if (failure) return Promise.reject(failure);
    if (/[\n\r]/.test(name)) {
      return Promise.reject(new OpsledgerError("INPUT_INVALID", `object name contains a newline: ${name}`));
    }
    return new Promise((resolve, reject) => {
      queue.push({ resolve, reject });
      if (unsent.length === 0) queueMicrotask(send);
      unsent.push(name);
    });
  }
  let unsent = [];
  function send() {
    const names = unsent;
    unsent = [];
    if (!failure) child.stdin.write(`${names.join("\n")}
`);
  }
  return {
    read: request,
    readMany: (names) => Promise.all(names.map(request)),
    async close() {
      if (unsent.length > 0) send();
      if (child.exitCode === null && !child.killed) child.stdin.end();
      await closed;
    }
  };
}

export {
  openCatFileBatch
};
