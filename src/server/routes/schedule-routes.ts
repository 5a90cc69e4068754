import { listSchedules } from '../../schedules/list-schedules.js';
import { ref } from '../openapi/components.js';
import type { RouteSpec } from '../route-spec.js';

/** `GET /schedules`: what `opsledger schedules` shows (docs/schedules.md). */
export const LIST_SCHEDULES: RouteSpec = {
  method: 'get',
  path: '/schedules',
  operationId: 'listSchedules',
  permission: 'definitions:read',
  tag: 'definitions',
  summary: 'Scheduled actions and runbooks, with their next and last firings',
  description: 'The schedules on the tip of the tracked branch (docs/schedules.md).',
  query: {
    count: {
      schema: { type: 'integer', minimum: 1, maximum: 100, default: 3 },
      description: 'Next fire times.',
    },
  },
  responses: {
    200: {
      description: 'The schedules.',
      schema: {
        type: 'object',
        required: ['data'],
        properties: { data: { type: 'array', items: ref('ScheduleEntry') } },
      },
    },
  },
  async handle(ctx) {
    const tip = ctx.deps.history.tip();
    const entries = tip
      ? listSchedules(
          [
            ...ctx.deps.history.definitionsAt('action', tip),
            ...ctx.deps.history.definitionsAt('runbook', tip),
          ],
          ctx.deps.now(),
          (ctx.query.count as number | undefined) ?? 3,
        )
      : [];
    await ctx.deps.journal.refresh();
    const data = [];
    for (const e of entries) {
      const recent = await ctx.deps.journal.query({ action: e.id, trigger: 'schedule', limit: 1 });
      const last = recent.find((r) => r.planned_at !== undefined);
      data.push({
        ...e,
        last: last
          ? { id: last.id, planned_at: last.planned_at, started_at: last.started_at, status: last.status }
          : null,
      });
    }
    return { body: { data }, count: data.length };
  },
};
