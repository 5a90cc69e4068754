import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate } from '../../src/executions/postgres/migrate.js';
import { createPool, type Pool } from '../../src/executions/postgres/pg-pool.js';
import { BIN, ROOT, type CliResult } from './cli.js';

/** The test database (trust auth on the CI machine); each test gets its own schema in it. */
export const PG_BASE_URL =
  process.env.OPSLEDGER_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const PG_START = 'pg_ctlcluster --skip-systemctl-redirect 15 main start';

export interface TestSchema {
  name: string;
  /** The base URL with `options=-csearch_path=<name>`: everything opsledger does lands in this schema. */
  url: string;
  /** A pool on the schema, for tampering and checks. */
  pool: Pool;
  drop(): Promise<void>;
}

/** A URL on its own schema (the search_path through the connection options). */
export function schemaUrl(name: string): string {
  return `${PG_BASE_URL}${PG_BASE_URL.includes('?') ? '&' : '?'}options=-csearch_path%3D${name}`;
}

/**
 * A fresh schema (migrated unless told not to), dropped by `drop()`. PostgreSQL unreachable is a loud failure that
 * says how to start it, never a skip.
 */
export async function createTestSchema(options: { migrated?: boolean } = {}): Promise<TestSchema> {
  const name = `t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_BASE_URL, connectionTimeoutMillis: 5_000 });
  try {
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${name}`);
  } catch (err) {
    throw new Error(
      `PostgreSQL is not reachable at ${PG_BASE_URL} (${(err as Error).message}). Start it with: ${PG_START}`,
      { cause: err },
    );
  } finally {
    await admin.end().catch(() => undefined);
  }
  const url = schemaUrl(name);
  const pool = createPool(url, 2);
  if (options.migrated !== false) await migrate(pool);
  return {
    name,
    url,
    pool,
    async drop() {
      await pool.end().catch(() => undefined);
      const c = new pg.Client({ connectionString: PG_BASE_URL });
      await c.connect();
      try {
        await c.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
      } finally {
        await c.end();
      }
    },
  };
}

/** The real CLI as a child process, asynchronously (a slow command must not block the test worker). */
export function runCliAsync(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
