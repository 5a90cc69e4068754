import {
  DEFINITION_STATUSES,
  type Action,
  type DefinitionKind,
  type Runbook,
} from '../../definitions/types.js';
import { OpsledgerError } from '../../errors/opsledger-error.js';
import type { DefinitionVersion } from '../../history/types.js';
import { decodeCursor } from '../cursor.js';
import { listOf, ref } from '../openapi/components.js';
import { pageReply, startAfter } from '../paginate.js';
import { ID_PARAM, LIST_QUERY, type RouteContext, type RouteSpec } from '../route-spec.js';

/** The API form of a definition version. */
export function presentDefinition(v: DefinitionVersion): Record<string, unknown> {
  return {
    id: v.id,
    version: v.version,
    commit: v.commit,
    blob: v.blob,
    path: v.path,
    created_at: v.created_at,
    definition: v.value,
  };
}

const byId = (a: DefinitionVersion, b: DefinitionVersion): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Live definitions of a kind at the tip of the tracked branch, sorted by id. */
export function liveDefinitions(ctx: RouteContext, kind: DefinitionKind): DefinitionVersion[] {
  const tip = ctx.deps.history.tip();
  return tip === null ? [] : [...ctx.deps.history.definitionsAt(kind, tip)].sort(byId);
}

function listRoute(kind: 'action' | 'runbook'): RouteSpec {
  const plural = `${kind}s`;
  return {
    method: 'get',
    path: `/${plural}`,
    operationId: `list${kind === 'action' ? 'Actions' : 'Runbooks'}`,
    permission: 'definitions:read',
    tag: 'definitions',
    summary: `List ${plural} at the tip of the tracked branch`,
    description: 'Sorted by id. Send `Accept: application/x-ndjson` to stream every match.',
    query: {
      status: {
        schema: { enum: [...DEFINITION_STATUSES] },
        description: 'Only definitions with this status.',
      },
      tag: { schema: { type: 'string', maxLength: 63 }, description: 'Only definitions carrying this tag.' },
      owner: {
        schema: { type: 'string', maxLength: 254 },
        description: 'Only definitions of this owner (email).',
      },
      ...LIST_QUERY,
    },
    ndjson: true,
    responses: {
      200: {
        description: `A page of ${plural}.`,
        schema: listOf(ref(kind === 'action' ? 'ActionVersion' : 'RunbookVersion')),
        ndjsonItem: ref(kind === 'action' ? 'ActionVersion' : 'RunbookVersion'),
      },
    },
    handle(ctx) {
      const q = ctx.query as {
        status?: string;
        tag?: string;
        owner?: string;
        limit: number;
        cursor?: string;
      };
      const items = liveDefinitions(ctx, kind).filter((v) => {
        const d = v.value as Action | Runbook;
        return (
          (q.status === undefined || d.status === q.status) &&
          (q.tag === undefined || (d.tags ?? []).includes(q.tag)) &&
          (q.owner === undefined || d.owner.toLowerCase() === q.owner.toLowerCase())
        );
      });
      const start = q.cursor
        ? startAfter(items, decodeCursor<[string]>(q.cursor, ['string'])[0], (v) => v.id)
        : 0;
      return pageReply(items, {
        start,
        limit: q.limit,
        ndjson: ctx.ndjson,
        keyOf: (v) => [v.id],
        map: presentDefinition,
      });
    },
  };
}

function getRoute(kind: 'action' | 'runbook'): RouteSpec {
  const plural = `${kind}s`;
  return {
    method: 'get',
    path: `/${plural}/{id}`,
    operationId: `get${kind === 'action' ? 'Action' : 'Runbook'}`,
    permission: 'definitions:read',
    tag: 'definitions',
    summary: `One ${kind} as it is at the tip of the tracked branch`,
    params: { id: ID_PARAM },
    responses: {
      200: {
        description: `The ${kind}, its version and where it lives.`,
        schema: ref(kind === 'action' ? 'ActionVersion' : 'RunbookVersion'),
      },
    },
    handle(ctx) {
      const v = ctx.deps.history.definitionAt(kind, ctx.params.id as string);
      if (!v) {
        throw new OpsledgerError(
          'DEFINITION_NOT_FOUND',
          `no ${kind} "${ctx.params.id}" at the tip of the branch`,
          {
            hint: `List them with GET /api/v1/${plural}.`,
          },
        );
      }
      return { body: presentDefinition(v), count: 1 };
    },
  };
}

export const DEFINITION_ROUTES: RouteSpec[] = [
  listRoute('action'),
  getRoute('action'),
  listRoute('runbook'),
  getRoute('runbook'),
];
