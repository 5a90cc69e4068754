import { ROUTE_PERMISSIONS } from '../access/decide-access.js';
import { OpsledgerError } from '../errors/opsledger-error.js';
import { PACKAGE_VERSION } from '../package/package-root.js';
import { buildOpenApi, type OpenApiDocument } from './openapi/build-openapi.js';
import { fullPath, type RouteSpec } from './route-spec.js';
import { ADMIN_ROUTES } from './routes/admin-routes.js';
import { AUDIT_ROUTES } from './routes/audit-routes.js';
import { DEFINITION_ROUTES } from './routes/definition-routes.js';
import { EXECUTION_ROUTES } from './routes/execution-routes.js';
import { JOURNAL_ROUTES } from './routes/journal-routes.js';
import { GITHUB_ROUTES, REVERT_ROUTES } from './routes/github-routes.js';
import { metaRoutes } from './routes/meta-routes.js';
import { RECORDING_ROUTES } from './routes/recording-routes.js';
import { REPORT_ROUTES } from './routes/report-routes.js';
import { RUN_ROUTES } from './routes/run-routes.js';
import { CANCEL_RUNBOOK_RUN } from './routes/runbook-cancel-route.js';
import { RUNBOOK_ROUTES } from './routes/runbook-routes.js';
import { WEBHOOK_ROUTES } from './routes/webhook-routes.js';

/** Every route the service has, in the order of the docs. */
export function allRoutes(document: () => OpenApiDocument): RouteSpec[] {
  return [
    ...metaRoutes(document),
    ...DEFINITION_ROUTES,
    ...AUDIT_ROUTES,
    ...EXECUTION_ROUTES,
    ...RUN_ROUTES,
    ...RECORDING_ROUTES,
    ...JOURNAL_ROUTES,
    ...RUNBOOK_ROUTES,
    CANCEL_RUNBOOK_RUN,
    ...WEBHOOK_ROUTES,
    ...GITHUB_ROUTES,
    ...REVERT_ROUTES,
    ...ADMIN_ROUTES,
    ...REPORT_ROUTES,
  ];
}

/** The routes and the OpenAPI document built from them: the one table the app, the docs and the tests read. */
export interface RouteTable {
  routes: RouteSpec[];
  doc: OpenApiDocument;
}

/** The route table (the meta routes serve that same document); every route must declare a valid permission. */
export function routeTable(): RouteTable {
  const holder: { doc: OpenApiDocument | null } = { doc: null };
  const routes = allRoutes(() => holder.doc as OpenApiDocument);
  for (const r of routes) {
    if (!ROUTE_PERMISSIONS.includes(r.permission)) {
      throw new OpsledgerError('INTERNAL', `route ${r.method} ${fullPath(r)} declares no valid permission`);
    }
  }
  holder.doc = buildOpenApi(routes, PACKAGE_VERSION);
  return { routes, doc: holder.doc };
}

/** The OpenAPI document of the service (the same one `/api/v1/openapi.json` serves). */
export function openApiDocument(): OpenApiDocument {
  return routeTable().doc;
}
