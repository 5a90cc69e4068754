import type { Response } from 'express';
import type { ApiKeyRecord } from '../access/key-store.js';
import type { Principal } from '../access/resolve-principal.js';
import type { RouteSpec } from './route-spec.js';

/** What the pipeline keeps about a request between middlewares (on `res.locals`). */
export interface RequestLocals {
  requestId: string;
  spec?: RouteSpec;
  key?: ApiKeyRecord;
  principal?: Principal;
  accessLogged?: boolean;
}

/** The locals of a response, typed. */
export function localsOf(res: Pick<Response, 'locals'>): RequestLocals {
  return res.locals as RequestLocals;
}
