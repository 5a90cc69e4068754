import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { OpsledgerError } from '../../errors/opsledger-error.js';
import { readManifest } from '../../reports/report-manifest.js';
import type { Reply, RouteContext, RouteSpec } from '../route-spec.js';

/** The reports are self-contained: inline CSS/JS/SVG only, and nothing may leave the page. */
export const REPORTS_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

const notFound = (): OpsledgerError =>
  new OpsledgerError('NOT_FOUND', 'no such report', { hint: 'Start at /reports/index.html.' });

const noManifest = (): OpsledgerError =>
  new OpsledgerError('NOT_FOUND', 'no such report: the reports folder has no report manifest', {
    hint: 'Generate the reports with `opsledger report`; only the files it lists in manifest.json are served.',
  });

/**
 * Resolve a requested report path inside the reports folder, serving only files the report generator wrote (its
 * manifest, docs/reports.md) and refusing anything that could leave the folder or reveal other files: empty, `.`/`..`
 * or dot-segments, backslashes, NUL, symlinks resolving outside, non-regular files, unknown types, files the manifest
 * does not list (a data dir, notes). Everything refused is a plain 404.
 */
export async function resolveReportFile(root: string, segments: readonly string[]): Promise<string> {
  if (segments.length > 32) throw notFound();
  for (const s of segments) {
    if (s === '' || s.startsWith('.') || /[\\/\0]/.test(s)) throw notFound();
  }
  let realRoot: string;
  try {
    realRoot = await realpath(root);
  } catch {
    throw notFound();
  }
  const manifest = await readManifest(realRoot);
  if (!manifest) throw noManifest();
  let file = path.join(realRoot, ...segments);
  try {
    let requested = segments.join('/');
    file = await realpath(file);
    if ((await stat(file)).isDirectory()) {
      file = await realpath(path.join(file, 'index.html'));
      requested = `${requested}/index.html`;
    }
    if (file !== realRoot && !file.startsWith(realRoot + path.sep)) throw notFound();
    const rel = path.relative(realRoot, file);
    if (rel.split(path.sep).some((s) => s.startsWith('.'))) throw notFound();
    if (!manifest.has(requested) || !manifest.has(rel.split(path.sep).join('/'))) throw notFound();
    if (!(await stat(file)).isFile()) throw notFound();
  } catch (err) {
    if (err instanceof OpsledgerError) throw err;
    throw notFound();
  }
  if (!CONTENT_TYPES[path.extname(file).toLowerCase()]) throw notFound();
  return file;
}

async function serveReport(ctx: RouteContext, segments: string[]): Promise<Reply> {
  const root = path.resolve(ctx.deps.repo, ctx.deps.config.paths.reports);
  const file = await resolveReportFile(root, segments);
  return { file, contentType: CONTENT_TYPES[path.extname(file).toLowerCase()] as string, csp: REPORTS_CSP };
}

const FILE_RESPONSE = {
  description: 'The report file (HTML reports are self-contained; a strict CSP keeps them offline).',
  content: {
    'text/html': { type: 'string' },
    'text/markdown': { type: 'string' },
  },
};

export const REPORT_ROUTES: RouteSpec[] = [
  {
    method: 'get',
    path: '/reports',
    mount: '/',
    operationId: 'reportsIndex',
    permission: 'reports:read',
    tag: 'reports',
    summary: 'The reports index (reports/index.html)',
    responses: { 200: FILE_RESPONSE },
    handle: (ctx) => serveReport(ctx, ['index.html']),
  },
  {
    method: 'get',
    path: '/reports/{path}',
    mount: '/',
    wildcard: true,
    operationId: 'reportFile',
    permission: 'reports:read',
    tag: 'reports',
    summary: 'A generated report file under the repo’s reports folder',
    params: {
      path: {
        schema: { type: 'string', minLength: 1, maxLength: 1024 },
        description: 'Path inside the reports folder, e.g. `actions/restart-web.html`.',
        required: true,
      },
    },
    responses: { 200: FILE_RESPONSE },
    handle: (ctx) => serveReport(ctx, (ctx.params.path as string).split('/')),
  },
];
