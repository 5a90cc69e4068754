function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }

// src/executions/postgres/pg-session.ts
import pg from "pg";
function openPgSession(url) {
  let client = null;
  let queue = Promise.resolve();
  const connect = () => client ??= (async () => {
    const c = new pg.Client({ connectionString: url, application_name: `opsledger-${process.pid}` });
    c.on("error", () => client = null);
    c.on("end", () => client = null);
    await c.connect();
    return c;
  })().catch((err) => {
    client = null;
    throw err;
  });
  return {
    use(fn) {
      const run = queue.then(async () => fn(await connect()));
      queue = run.catch(() => void 0);
      return run;
    },
    async close() {
      await queue;
      const c = await client?.catch(() => null);
      client = null;
      await c?.end().catch(() => void 0);
    }
  };
}

export {
  openPgSession
};
