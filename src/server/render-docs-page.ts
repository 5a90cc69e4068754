import path from 'node:path';
import { PACKAGE_ROOT, PACKAGE_VERSION } from '../package/package-root.js';

/** Where `npm run build` copies Redoc's standalone bundle (the runtime needs no `redoc` package). */
export const REDOC_BUNDLE = path.join(PACKAGE_ROOT, 'dist/assets/redoc.standalone.js');

/** The URL the docs page loads the bundle from; `?v=` changes with each opsledger version, so it may be cached long. */
export const REDOC_URL = `/api/v1/docs/redoc.standalone.js?v=${PACKAGE_VERSION}`;

/**
 * CSP of the docs page (docs/api.md#api-docs): scripts, styles, fonts, images and fetches from this server only.
 * Redoc injects its styles (styled-components) as <style> elements, hence 'unsafe-inline' for styles only; it runs
 * its search index in a Web Worker made from a blob: URL, hence `worker-src blob:`. No inline script, no eval.
 */
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  'worker-src blob:',
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** CSP of the bundle itself: a script file loads nothing of its own. */
export const BUNDLE_CSP = "default-src 'none'; frame-ancestors 'none'";

/** The docs page: Redoc rendering /api/v1/openapi.json, loaded from this server (no CDN, no inline script). */
export function renderDocsPage(title: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${title.replace(/[&<>"']/g, '')} API</title>
</head>
<body>
<redoc spec-url="/api/v1/openapi.json"></redoc>
<noscript>This page needs JavaScript. The API description itself is <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</noscript>
<script src="${REDOC_URL}"></script>
</body>
</html>
`;
}
