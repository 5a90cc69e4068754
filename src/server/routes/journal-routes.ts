import { OpsledgerError } from '../../errors/opsledger-error.js';
import { VERIFY_PROBLEM_KINDS } from '../../executions/types.js';
import type { RouteSpec } from '../route-spec.js';

const PROBLEM = {
  type: 'object',
  required: ['kind', 'segment', 'line', 'seq', 'message'],
  properties: {
    kind: { enum: [...VERIFY_PROBLEM_KINDS] },
    segment: { type: 'string' },
    line: { type: ['integer', 'null'] },
    seq: { type: ['integer', 'null'] },
    message: { type: 'string' },
  },
};

/** `opsledger verify` run by the service on its own journal (docs/executions.md, Remote recording). */
const VERIFY_JOURNAL: RouteSpec = {
  method: 'get',
  path: '/journal/verify',
  operationId: 'verifyJournal',
  // Whether the record of every run is whole is an auditor's question (auditors hold audit:read; admins all).
  permission: 'audit:read',
  tag: 'executions',
  summary: 'Verify the service’s execution journal (hash chain, checkpoints, anchors)',
  description:
    'The same walk as `opsledger verify` over the journal the service writes: `ok` false names every problem with ' +
    'its place. `opsledger verify --server URL` prints it and exits 1 when it is not ok. Reads the whole journal: ' +
    'its cost grows with the journal.',
  accessLog: true,
  responses: {
    200: {
      description: 'The verification report (also when problems were found: `ok` says).',
      schema: {
        type: 'object',
        required: ['ok', 'records', 'head', 'problems', 'gaps', 'anchors_checked', 'quarantined'],
        properties: {
          ok: { type: 'boolean' },
          records: { type: 'integer', minimum: 0 },
          head: {
            oneOf: [
              { type: 'null' },
              { type: 'object', properties: { seq: { type: 'integer' }, hash: { type: 'string' } } },
            ],
          },
          problems: { type: 'array', items: PROBLEM },
          gaps: {
            type: 'array',
            description: 'Records purged by the retention policy: a documented gap, not tampering.',
            items: {
              type: 'object',
              required: ['through_seq', 'checkpoint_hash', 'purged_at', 'reason'],
              properties: {
                through_seq: { type: 'integer', minimum: 0 },
                checkpoint_hash: { type: 'string' },
                purged_at: { type: 'string', format: 'date-time' },
                reason: { type: 'string' },
              },
            },
          },
          anchors_checked: { type: 'integer', minimum: 0 },
          quarantined: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
  async handle(ctx) {
    if (!ctx.deps.verifyJournal) {
      throw new OpsledgerError('JOURNAL_UNAVAILABLE', 'this service cannot verify its journal');
    }
    return { body: await ctx.deps.verifyJournal() };
  },
};

export const JOURNAL_ROUTES: RouteSpec[] = [VERIFY_JOURNAL];
