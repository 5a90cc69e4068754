import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ExecutionRecord, Journal } from '../../src/executions/types.js';
import { RECENT_RUNS } from '../../src/reports/build-action-report.js';
import { isActionRun, type RunRow } from '../../src/reports/collect-runs.js';
import { prefetchParameters, type PagesShown } from '../../src/reports/prefetch-parameters.js';

/**
 * A report built from kept parts reads the parameters of one batch's pages at a time (src/reports/prefetch-parameters.ts):
 * an action batch only its actions' recent runs, a runbook batch only its runbooks' recent steps. Whatever the runs,
 * every run a page lists gets the parameters a read of every row for both kinds of page gives it, and the two reads
 * together ask the journal for nothing more than that read.
 */

const ACTIONS = ['restart-web', 'db-failover', 'rotate-logs'];
const RUNBOOKS = ['deploy', 'failover'];

const run = fc.record({
  action: fc.constantFrom(...ACTIONS),
  runbook: fc.option(fc.constantFrom(...RUNBOOKS), { nil: null, freq: 2 }),
  kind: fc.constantFrom<RunRow['kind']>(null, null, null, 'runbook_run'),
  status: fc.constantFrom('succeeded', 'failed', 'missed', 'skipped', 'denied'),
});

/** Rows in start order, numbered; a whole runbook run's `action` is its runbook, as the fold makes it. */
interface Run {
  action: string;
  runbook: string | null;
  kind: RunRow['kind'];
  status: string;
}

function rowsOf(runs: readonly Run[]) {
  return runs.map(
    (r, i) =>
      ({
        id: `run-${i}`,
        seq: i + 1,
        started: i,
        action: r.kind === 'runbook_run' ? (r.runbook ?? 'deploy') : r.action,
        kind: r.kind,
        status: r.status,
        runbook: r.kind === null && r.runbook ? { id: r.runbook, step: 'one' } : null,
      }) as unknown as RunRow,
  );
}

/** A journal whose records carry their id as a parameter, counting what it is asked for. */
function journal(asked: string[]): Journal {
  return {
    async get(id: string) {
      asked.push(id);
      return { id, parameters: { run: { value: id } } } as unknown as ExecutionRecord;
    },
  } as unknown as Journal;
}

async function read(rows: readonly RunRow[], pages: PagesShown, asked: string[]) {
  return prefetchParameters(journal(asked), rows, pages);
}

describe('prefetchParameters by the pages shown', () => {
  it('gives every listed run of a batch what a read of every row gives it, and asks for no more', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(run, { maxLength: 3 * RECENT_RUNS }), async (runs) => {
        const rows = rowsOf(runs);
        const allAsked: string[] = [];
        const all = await read(rows, 'both', allAsked);
        const batchAsked: string[] = [];
        // Each action's part from its own action runs, each runbook's from its steps (buildModelFromView's batches).
        for (const action of ACTIONS) {
          const own = rows.filter((r) => isActionRun(r) && r.action === action);
          const got = await read(own, 'actions', batchAsked);
          for (const r of own.slice(-RECENT_RUNS)) {
            expect(got(r.id)).toEqual(all(r.id));
            expect(got(r.id)).not.toBeNull();
          }
        }
        for (const runbook of RUNBOOKS) {
          const steps = rows.filter((r) => isActionRun(r) && r.runbook?.id === runbook);
          const got = await read(steps, 'runbooks', batchAsked);
          for (const r of steps.slice(-RECENT_RUNS)) {
            expect(got(r.id)).toEqual(all(r.id));
            expect(got(r.id)).not.toBeNull();
          }
        }
        expect(new Set(batchAsked)).toEqual(new Set(allAsked));
      }),
      { numRuns: 150 },
    );
  });

  it('reads only the runs an action batch lists, not the older steps a runbook page would list', async () => {
    // An action's 5 oldest runs are steps of one runbook, its next 2 × RECENT_RUNS plain runs: its page lists the last
    // RECENT_RUNS; the runbook's page (built from the runbook's own batch) lists the 5.
    const rows = rowsOf([
      ...Array.from({ length: 5 }, () => ({
        action: 'restart-web',
        runbook: 'failover',
        kind: null,
        status: 'failed',
      })),
      ...Array.from({ length: 2 * RECENT_RUNS }, () => ({
        action: 'restart-web',
        runbook: null,
        kind: null,
        status: 'succeeded',
      })),
    ]);
    const asked: string[] = [];
    await read(rows, 'actions', asked);
    expect(asked.sort()).toEqual(
      rows
        .slice(-RECENT_RUNS)
        .map((r) => r.id)
        .sort(),
    );
    const both: string[] = [];
    await read(rows, 'both', both);
    expect(both).toHaveLength(RECENT_RUNS + 5);
  });
});
