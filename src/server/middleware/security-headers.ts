import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/** The API answers JSON: nothing may load, frame it or submit from it; pages with their own CSP override it. */
const POLICY = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'none'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'none'"],
    },
  },
  crossOriginResourcePolicy: { policy: 'same-origin' },
});

/** The headers helmet sets under `POLICY`, asked once (they do not depend on the request). */
function collectHeaders(): readonly [string, string][] {
  const headers: [string, string][] = [];
  const res = {
    setHeader: (name: string, value: string | number | readonly string[]) =>
      headers.push([name, String(value)]),
    removeHeader: () => undefined,
  };
  POLICY({} as IncomingMessage, res as unknown as ServerResponse, () => undefined);
  return headers;
}

/**
 * helmet's security headers (CSP, HSTS, nosniff, frame and cross-origin policies), set from a list made once at
 * start-up instead of running helmet's dozen middlewares on every request (docs/api.md, "Performance").
 */
export function securityHeaders(): RequestHandler {
  return (_req, res, next) => {
    setSecurityHeaders(res);
    next();
  };
}

let collected: readonly [string, string][] | null = null;

/** Set helmet's headers on a response (the Express pipeline and the fast lane alike). */
export function setSecurityHeaders(res: Pick<ServerResponse, 'setHeader'>): void {
  collected ??= collectHeaders();
  for (const [name, value] of collected) res.setHeader(name, value);
}
