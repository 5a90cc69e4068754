import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../src/history/types.js';
import { firstAdmin } from '../../src/server/bootstrap-admin-key.js';
import { decodeCursor, encodeCursor } from '../../src/server/cursor.js';
import type { IdempotencyEntry, IdempotencyStore } from '../../src/server/idempotency-store.js';
import { canonicalJson, idempotent } from '../../src/server/idempotent.js';
import { startAfter } from '../../src/server/paginate.js';
import { startAfterEntry, toRunbookAudit } from '../../src/server/routes/audit-routes.js';
import { resolveReportFile } from '../../src/server/routes/report-routes.js';

describe('cursors', () => {
  it('round-trip and refuse anything else', () => {
    const c = encodeCursor(['2026-01-01T00:00:00.000Z', '01ABC']);
    expect(c).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(c, ['string', 'string'])).toEqual(['2026-01-01T00:00:00.000Z', '01ABC']);
    for (const bad of [
      '',
      '!!',
      encodeCursor([1, 'x']),
      encodeCursor(['a']),
      Buffer.from('nope').toString('base64url'),
    ]) {
      expect(() => decodeCursor(bad, ['string', 'string'])).toThrow(
        expect.objectContaining({ code: 'INPUT_INVALID' }),
      );
    }
  });

  it('startAfter finds the first key after the cursor in a sorted list', () => {
    const ids = ['a', 'c', 'e'];
    expect(startAfter(ids, 'a', (x) => x)).toBe(1);
    expect(startAfter(ids, 'b', (x) => x)).toBe(1);
    expect(startAfter(ids, 'e', (x) => x)).toBe(3);
  });
});

const event = (id: string, at: string, extra: Partial<AuditEvent> = {}): AuditEvent => ({
  id,
  auditable_type: 'Runbook::Step',
  auditable_id: 'web-incident/restart',
  action: 'update',
  version: 2,
  audited_changes: { '/when': ['on_success', 'always'] },
  user: { name: 'Carol', email: 'carol@example.com' },
  commit: 'c'.repeat(40),
  created_at: at,
  path: 'definitions/runbooks/web-incident.yaml',
  message: 'Run restart always (#12)',
  pull_request: 12,
  revert_of: null,
  blob: null,
  authors: [],
  committer: { name: 'Carol', email: 'carol@example.com' },
  valid: true,
  problems: [],
  changed_by: null,
  merged_by: null,
  restores: null,
  partial: false,
  forge: 'github',
  approvals: null,
  ...extra,
});

describe('audit pages', () => {
  it('resume after the cursor entry, or after its time when the entry is gone (force-push rebuild)', () => {
    const items = [
      event('e1', '2026-01-01T00:00:00Z'),
      event('e2', '2026-01-02T00:00:00Z'),
      event('e3', '2026-01-03T00:00:00Z'),
    ];
    expect(startAfterEntry(items, undefined)).toBe(0);
    expect(startAfterEntry(items, encodeCursor(['e2', '2026-01-02T00:00:00Z']))).toBe(2);
    expect(startAfterEntry(items, encodeCursor(['gone', '2026-01-02T12:00:00Z']))).toBe(2);
    expect(startAfterEntry(items, encodeCursor(['gone', '2027-01-01T00:00:00Z']))).toBe(3);
  });

  it("map our events to the incident tool's runbook audit shape", () => {
    expect(toRunbookAudit(event('e1', '2026-01-01T00:00:00Z'))).toEqual({
      id: 'e1',
      auditable_id: 'web-incident/restart',
      auditable_type: 'Runbooks::Step',
      user_id: 'carol@example.com',
      user_type: 'User',
      action: 'update',
      audited_changes: { '/when': ['on_success', 'always'] },
      version: 2,
      created_at: '2026-01-01T00:00:00Z',
      runbook_id: 'web-incident',
      user_name: 'Carol',
      commit: 'c'.repeat(40),
      pull_request: 12,
      revert_of: null,
    });
    expect(
      toRunbookAudit(event('e2', 'x', { auditable_type: 'Runbook', auditable_id: 'web-incident' }))
        .auditable_type,
    ).toBe('Runbook');
  });
});

describe('first admin key', () => {
  it('goes to the first member of the first role (by id) holding admin, else admin@localhost', () => {
    expect(
      firstAdmin([
        { id: 'zz-admins', members: ['zed@example.com'], permissions: ['admin'] },
        {
          id: 'admins',
          members: ['Alice@Example.com', 'bob@example.com'],
          permissions: ['admin', 'audit:read'],
        },
        { id: 'aa-readers', members: ['x@example.com'], permissions: ['audit:read'] },
      ]),
    ).toBe('alice@example.com');
    expect(firstAdmin([{ id: 'empty', members: [], permissions: ['admin'] }])).toBe('admin@localhost');
    expect(firstAdmin([])).toBe('admin@localhost');
  });
});

describe('idempotent', () => {
  const memoryStore = (): IdempotencyStore & { map: Map<string, IdempotencyEntry> } => {
    const map = new Map<string, IdempotencyEntry>();
    return {
      map,
      get: async (scope, key) => map.get(`${scope}:${key}`) ?? null,
      put: async (scope, key, entry) => void map.set(`${scope}:${key}`, entry),
    };
  };
  const now = new Date('2026-01-01T00:00:00Z');

  it('runs once per key and body; key order in the body does not matter; another body conflicts', async () => {
    const store = memoryStore();
    let made = 0;
    const create = async () => ({ status: 201, executionId: `run-${++made}` });
    const a = await idempotent(
      store,
      { scope: 'k1', key: 'x', route: 'r', body: { a: 1, b: 2 }, now },
      create,
    );
    const b = await idempotent(
      store,
      { scope: 'k1', key: 'x', route: 'r', body: { b: 2, a: 1 }, now },
      create,
    );
    expect(a).toEqual({ status: 201, executionId: 'run-1', replayed: false });
    expect(b).toEqual({ status: 201, executionId: 'run-1', replayed: true });
    await expect(
      idempotent(store, { scope: 'k1', key: 'x', route: 'r', body: { a: 2 }, now }, create),
    ).rejects.toMatchObject({
      code: 'IDEMPOTENCY_CONFLICT',
    });
    const other = await idempotent(
      store,
      { scope: 'k2', key: 'x', route: 'r', body: { a: 1, b: 2 }, now },
      create,
    );
    expect(other.executionId).toBe('run-2');
    const none = await idempotent(store, { scope: 'k1', key: undefined, route: 'r', body: {}, now }, create);
    expect(none.executionId).toBe('run-3');
  });

  it('does not remember a failed attempt', async () => {
    const store = memoryStore();
    await expect(
      idempotent(store, { scope: 's', key: 'k', route: 'r', body: {}, now }, async () => {
        throw new Error('journal down');
      }),
    ).rejects.toThrow('journal down');
    expect(store.map.size).toBe(0);
  });

  it('canonicalJson sorts keys at every depth', () => {
    expect(canonicalJson({ b: [{ d: 1, c: 2 }], a: null })).toBe('{"a":null,"b":[{"c":2,"d":1}]}');
  });
});

describe('resolveReportFile', () => {
  it('serves files inside the folder only', async () => {
    const base = await mkdtemp(path.join(tmpdir(), 'opsledger-reports-'));
    try {
      const root = path.join(base, 'reports');
      await mkdir(path.join(root, 'actions'), { recursive: true });
      await mkdir(path.join(root, '.git'), { recursive: true });
      await writeFile(path.join(root, 'index.html'), '<h1>x</h1>');
      await writeFile(path.join(root, 'actions', 'a.md'), '# a');
      await writeFile(path.join(root, 'actions', 'a.exe'), 'MZ');
      await writeFile(path.join(root, '.git', 'config'), 'secret');
      await writeFile(path.join(base, 'outside.html'), 'outside');
      await symlink(path.join(base, 'outside.html'), path.join(root, 'escape.html'));
      await symlink(path.join(root, 'actions', 'a.md'), path.join(root, 'alias.md'));
      await writeFile(path.join(root, 'unlisted.html'), 'not written by the report generator');
      // Listed, to show the other checks still apply to what a manifest lists.
      const listed = [
        'index.html',
        'actions/a.md',
        'alias.md',
        'escape.html',
        'actions/a.exe',
        '.git/config',
      ];
      await writeFile(
        path.join(root, 'manifest.json'),
        JSON.stringify({ generator: 'opsledger report', format: 1, files: listed }),
      );
      expect(await resolveReportFile(root, ['index.html'])).toBe(path.join(root, 'index.html'));
      expect(await resolveReportFile(root, ['actions', 'a.md'])).toBe(path.join(root, 'actions', 'a.md'));
      expect(await resolveReportFile(root, ['alias.md'])).toBe(path.join(root, 'actions', 'a.md'));
      for (const bad of [
        ['..', 'outside.html'],
        ['escape.html'],
        ['.git', 'config'],
        ['actions', 'a.exe'],
        ['a\\b'],
        [''],
        ['actions'],
        ['nope.html'],
        ['unlisted.html'],
        ['manifest.json'],
      ]) {
        await expect(resolveReportFile(root, bad)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      }
    } finally {
      await rm(base, { recursive: true, force: true });
    }
  });
});
