import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openJournalAt } from '../../src/executions/open-journal-at.js';
import { migrate, schemaVersion } from '../../src/executions/postgres/migrate.js';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../src/executions/postgres/migrations/index.js';
import { ROOT } from '../helpers/cli.js';
import { createTestSchema, runCliAsync, type TestSchema } from '../helpers/postgres.js';

const schemas: TestSchema[] = [];
afterEach(async () => {
  for (const s of schemas.splice(0)) await s.drop();
});

describe('PostgreSQL schema migrations', () => {
  it('the directory holds NNN-name files, one per version in order, and the list the bundle carries matches it', () => {
    const files = readdirSync(path.join(ROOT, 'src/executions/postgres/migrations'))
      .filter((f) => /^\d{3}-/.test(f))
      .sort();
    expect(files.map((f) => Number(f.slice(0, 3)))).toEqual(MIGRATIONS.map((m) => m.version));
    expect(files.map((f) => f.replace(/^\d{3}-|\.ts$/g, ''))).toEqual(MIGRATIONS.map((m) => m.name));
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it('refuses an unmigrated schema and a newer one with a hint; db migrate is idempotent', async () => {
    const s = await createTestSchema({ migrated: false });
    schemas.push(s);
    const cli = (...args: string[]) => runCliAsync(['--repo', ROOT, '--database-url', s.url, ...args]);
    const before = await cli('executions');
    expect(before.code).toBe(3);
    expect(before.stderr).toContain('error[SCHEMA_NOT_MIGRATED]');
    expect(before.stderr).toContain('opsledger db migrate');
    const first = await cli('--json', 'db', 'migrate');
    expect(JSON.parse(first.stdout)).toEqual({
      from: 0,
      to: LATEST_SCHEMA_VERSION,
      applied: MIGRATIONS.map((m) => ({ version: m.version, name: m.name })),
    });
    expect(JSON.parse((await cli('--json', 'db', 'migrate')).stdout).applied).toEqual([]);
    expect((await cli('executions')).code).toBe(0);
    await s.pool.query(
      `INSERT INTO schema_migrations (version, name) VALUES (${LATEST_SCHEMA_VERSION + 1}, 'future')`,
    );
    const newer = await cli('executions');
    expect(newer.code).toBe(3);
    expect(newer.stderr).toContain('error[SCHEMA_TOO_NEW]');
    await expect(openJournalAt({ backend: 'postgres', url: s.url })).rejects.toMatchObject({
      code: 'SCHEMA_TOO_NEW',
    });
    await expect(migrate(s.pool)).rejects.toMatchObject({ code: 'SCHEMA_TOO_NEW' });
    expect(await schemaVersion(s.pool)).toBe(LATEST_SCHEMA_VERSION + 1);
  });

  it('concurrent `opsledger exec` runs from several processes record into one clean chain', async () => {
    const s = await createTestSchema();
    schemas.push(s);
    const env = { OPSLEDGER_DATABASE_URL: s.url };
    const dataDir = mkdtempSync(path.join(tmpdir(), 'opsledger-pg-exec-'));
    const loop = async (k: number) => {
      for (let i = 0; i < 4; i++) {
        const r = await runCliAsync(
          [
            '--repo',
            ROOT,
            '--data-dir',
            dataDir,
            '--database-url',
            s.url,
            'exec',
            '--action',
            `cli-${k}`,
            '--',
            'true',
          ],
          { env },
        );
        expect(r.code, r.stderr).toBe(0);
      }
    };
    await Promise.all([0, 1, 2, 3].map(loop));
    const rows = await s.pool.query<{ n: string; max: string }>(
      'SELECT count(*) AS n, max(seq) AS max FROM journal_records',
    );
    expect(rows.rows[0]).toEqual({ n: '32', max: '32' });
    const verify = await runCliAsync(['--repo', ROOT, '--database-url', s.url, 'verify']);
    expect(verify.code, verify.stdout).toBe(0);
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);
});
