import type { Response } from 'express';
import { fullPath } from './route-spec.js';
import { localsOf } from './request-locals.js';
import type { ServerDeps } from './server-deps.js';

/** What the access log reads of a request (an Express request has it; the fast lane passes its own). */
export interface AccessedRequest {
  method: string;
  path: string;
  query: object;
}

/** Write one access-log entry for a request. */
export type RecordAccess = (
  req: AccessedRequest,
  res: Pick<Response, 'locals'>,
  status: number,
  count: number | null,
) => void;

/**
 * Record reads of audit and execution data (routes with `accessLog`) in the access log, once per request, whether
 * they were answered or refused (docs/api.md).
 */
export function createAccessRecorder(deps: Pick<ServerDeps, 'accessLog' | 'now'>): RecordAccess {
  return (req, res, status, count) => {
    const l = localsOf(res);
    if (!l.spec?.accessLog || l.accessLogged) return;
    l.accessLogged = true;
    deps.accessLog.append({
      time: deps.now().toISOString(),
      request_id: l.requestId,
      key_id: l.key?.id ?? null,
      user: l.key?.user ?? null,
      method: req.method,
      route: fullPath(l.spec),
      path: req.path,
      query: { ...(req.query as Record<string, unknown>) },
      status,
      result_count: count,
    });
  };
}
