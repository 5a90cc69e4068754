import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCS_CSP, REDOC_URL } from '../../src/server/render-docs-page.js';
import { createTestServer, expectMatchesDocument, type TestServer } from './test-server.js';

describe('audit routes', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer();
  });
  afterAll(() => server.cleanup());

  it('GET /audit pages every event oldest first, like `opsledger audit --json`', async () => {
    const all = server.deps.history.events();
    expect(all.length).toBeGreaterThan(8);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await server.call('get', `/api/v1/audit?limit=3${cursor ? `&cursor=${cursor}` : ''}`, {
        as: 'frank@example.com',
      });
      seen.push(...res.body.data.map((e: { id: string }) => e.id));
      cursor = res.body.next_cursor;
    } while (cursor);
    expect(seen).toEqual(all.map((e) => e.id));
  });

  it('filters by type, id and user; bad filters are 400', async () => {
    const res = await server.call('get', '/api/v1/audit?type=Action&id=disk-usage', {
      as: 'frank@example.com',
    });
    expect(res.body.data.map((e: { version: number; action: string }) => [e.version, e.action])).toEqual([
      [1, 'create'],
      [2, 'update'],
    ]);
    expect(res.body.data[1].audited_changes).toEqual({ '/timeout': [30, 60] });
    expect(res.body.data[1].pull_request).toBe(7);
    const byUser = await server.call('get', '/api/v1/audit?user=nobody@example.com', {
      as: 'frank@example.com',
    });
    expect(byUser.body.data).toEqual([]);
    expect((await server.call('get', '/api/v1/audit?type=Widget', { as: 'frank@example.com' })).status).toBe(
      400,
    );
  });

  it('GET /actions/{id}/history and /runbooks/{id}/history (with steps); unknown ids are 404', async () => {
    const action = await server.call('get', '/api/v1/actions/disk-usage/history', { as: 'bob@example.com' });
    expect(action.body.data).toHaveLength(2);
    const runbook = await server.call('get', '/api/v1/runbooks/web-incident/history', {
      as: 'carol@example.com',
    });
    const types = runbook.body.data.map(
      (e: { auditable_type: string; auditable_id: string }) => `${e.auditable_type} ${e.auditable_id}`,
    );
    expect(types).toContain('Runbook::Step web-incident/restart');
    expect((await server.call('get', '/api/v1/actions/nope/history', { as: 'bob@example.com' })).status).toBe(
      404,
    );
    const ndjson = await server.call('get', '/api/v1/runbooks/web-incident/history', {
      as: 'frank@example.com',
      headers: { Accept: 'application/x-ndjson' },
    });
    expect(ndjson.text.trim().split('\n')).toHaveLength(runbook.body.data.length);
  });

  it("GET /runbook_audits answers in the incident tool's shape with its pagination", async () => {
    const res = await server.call('get', '/api/v1/runbook_audits?per_page=2', { as: 'frank@example.com' });
    expect(res.status).toBe(200);
    expect(res.body.data[0]).toMatchObject({
      auditable_id: 'web-incident',
      auditable_type: 'Runbook',
      user_id: 'alice@example.com',
      user_type: 'User',
      action: 'create',
      version: 1,
      created_at: expect.any(String),
      audited_changes: expect.objectContaining({ id: 'web-incident' }),
    });
    expect(res.body.data[1].auditable_type).toBe('Runbooks::Step');
    const total = server.deps.history.history('web-incident', 'runbook').length;
    expect(res.body.pagination).toEqual({
      count: total,
      page: 1,
      items: 2,
      pages: Math.ceil(total / 2),
      last: Math.ceil(total / 2),
      prev: null,
      next: 2,
    });
    const steps = await server.call(
      'get',
      '/api/v1/runbook_audits?auditable_type=Runbooks::Step&runbook_id=web-incident',
      {
        as: 'frank@example.com',
      },
    );
    const update = steps.body.data.find((e: { action: string }) => e.action === 'update');
    // Unlike the reference tool, step rules and conditions are in the audit log.
    expect(update).toMatchObject({
      auditable_id: 'web-incident/restart',
      audited_changes: { '/automatic': [false, true] },
    });
    const beyond = await server.call('get', '/api/v1/runbook_audits?page=99', { as: 'frank@example.com' });
    expect(beyond.body.data).toEqual([]);
  });

  it('include_invalid adds entries for definition files that did not validate', async () => {
    await server.repo.commit({
      message: 'Broken action',
      files: { 'definitions/actions/broken.yaml': 'id: broken\nname: [unclosed\n' },
    });
    await server.call('post', '/api/v1/refresh', { as: 'alice@example.com' });
    const without = await server.call('get', '/api/v1/audit?limit=500', { as: 'frank@example.com' });
    const withInvalid = await server.call('get', '/api/v1/audit?limit=500&include_invalid=true', {
      as: 'frank@example.com',
    });
    expect(withInvalid.body.data.length).toBe(without.body.data.length + 1);
    expect(withInvalid.body.data.at(-1)).toMatchObject({
      action: 'invalid',
      path: 'definitions/actions/broken.yaml',
    });
    expect(withInvalid.body.data.at(-1).findings[0]).toMatchObject({
      file: 'definitions/actions/broken.yaml',
    });
    expectMatchesDocument('get', '/api/v1/audit?limit=500&include_invalid=true', withInvalid);
  });
});

describe('definitions, docs and reports', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer();
  });
  afterAll(() => server.cleanup());

  it('lists and reads definitions at the tip, with filters and pages', async () => {
    const res = await server.call('get', '/api/v1/actions?limit=2', { as: 'dave@example.com' });
    expect(res.body.data.map((a: { id: string }) => a.id)).toEqual(['disk-usage', 'ping']);
    const next = await server.call('get', `/api/v1/actions?limit=2&cursor=${res.body.next_cursor}`, {
      as: 'dave@example.com',
    });
    expect(next.body).toMatchObject({ data: [{ id: 'restart-web' }], next_cursor: null });
    const tagged = await server.call('get', '/api/v1/actions?tag=monitoring', { as: 'dave@example.com' });
    expect(tagged.body.data.map((a: { id: string }) => a.id)).toEqual(['ping']);
    const one = await server.call('get', '/api/v1/actions/disk-usage', { as: 'dave@example.com' });
    expect(one.body).toMatchObject({ id: 'disk-usage', version: 2, definition: { timeout: 60 } });
    const rb = await server.call('get', '/api/v1/runbooks', {
      as: 'dave@example.com',
      headers: { Accept: 'application/x-ndjson' },
    });
    expect(JSON.parse(rb.text.trim()).id).toBe('web-incident');
  });

  it('#20.4 serves the OpenAPI 3.1 document, and a Redoc docs page whose bundle comes from this server', async () => {
    const doc = await server.call('get', '/api/v1/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    expect(doc.body.paths['/executions'].get['x-permission']).toBe('executions:read');
    const html = await server.call('get', '/api/v1/docs');
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(html.headers['content-security-policy']).toBe(DOCS_CSP);
    expect(html.text).toContain('<redoc spec-url="/api/v1/openapi.json"></redoc>');
    // The only script is the bundle, from this server; nothing from a CDN, no inline script.
    const scripts = [...html.text.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
    expect(scripts).toEqual([` src="${REDOC_URL}"`]);
    expect(html.text).not.toMatch(/https?:\/\//);
    const bundle = await server.call('get', REDOC_URL);
    expect(bundle.status).toBe(200);
    expect(bundle.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(bundle.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(bundle.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(bundle.text.length).toBeGreaterThan(500_000);
    // The build drops the bundle's source map comment (the map is not shipped).
    expect(/\/\/# sourceMappingURL=\S+\s*$/.test(bundle.text)).toBe(false);
  });

  it('serves reports with their content type and a CSP that keeps them offline', async () => {
    const index = await server.call('get', '/reports/index.html', { as: 'frank@example.com' });
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['content-security-policy']).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    );
    expect(index.text).toContain('<h1>Reports</h1>');
    const md = await server.call('get', '/reports/actions/disk-usage.md', { as: 'frank@example.com' });
    expect(md.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect((await server.call('get', '/reports/actions/', { as: 'frank@example.com' })).status).toBe(404);
    const root = await server.call('get', '/reports', { as: 'frank@example.com' });
    expect(root.text).toContain('<h1>Reports</h1>');
  });

  it('refuses a symlink that leads out of the reports folder', async () => {
    const { symlink } = await import('node:fs/promises');
    const path = await import('node:path');
    await symlink(path.join(server.repo.dir, 'definitions'), path.join(server.repo.dir, 'reports/defs'));
    await symlink('/etc/hostname', path.join(server.repo.dir, 'reports/host.txt'));
    expect(
      (await server.call('get', '/reports/defs/roles/admins.yaml', { as: 'frank@example.com' })).status,
    ).toBe(404);
    expect((await server.call('get', '/reports/host.txt', { as: 'frank@example.com' })).status).toBe(404);
  });
});
