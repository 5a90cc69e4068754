import type { RunRow } from './collect-runs.js';
import { versionLabel } from './collect-runs.js';
import type { PointInTime } from './create-point-in-time.js';
import type { People } from './create-people.js';
import type { FindingCollector } from './finding-catalog.js';
import { isoInstant as iso } from './finding-catalog.js';
import { createPermissionJudge } from './holds-permission.js';
import type { FindingKind } from './report-model.js';

export interface RunFindingContext {
  pit: PointInTime;
  people: People;
  collector: FindingCollector;
  /** Action ids that have audit events on the tracked branch. */
  knownActions: ReadonlySet<string>;
  /** `reports.failing_streak`: this many failed runs in a row make a finding. */
  streak: number;
  /** `executions.require_server`: a run the CLI recorded itself is a finding (docs/executions.md). */
  requireServer?: boolean;
}

/**
 * Findings about runs, one action's runs at a time in start order: runs not pinned to a released, committed version
 * of the tracked branch; runs whose user held no `actions:execute` by the role files in force when it started
 * (denied runs did not run and are left out); and failing streaks.
 */
export function findRunFindings(
  rowsByAction: ReadonlyMap<string, readonly RunRow[]>,
  ctx: RunFindingContext,
): void {
  const judge = createPermissionJudge();
  for (const [action, rows] of rowsByAction) {
    // Newest first: the collector keeps the newest findings, so once it is full older ones are only counted.
    for (let i = rows.length - 1; i >= 0; i--) {
      const row = rows[i]!;
      if (row.status === 'denied') continue;
      if (row.status === 'abandoned') reportAbandoned(row, ctx);
      if (ctx.requireServer && row.local) reportLocal(row, ctx);
      checkPinning(row, ctx);
      checkPermission(row, ctx, judge);
    }
    let streak: RunRow[] = [];
    for (const row of rows) {
      if (row.status === 'failed' || row.status === 'timed_out') streak.push(row);
      else if (row.status === 'succeeded') {
        reportStreak(action, streak, false, ctx);
        streak = [];
      }
    }
    reportStreak(action, streak, true, ctx);
  }
}

function checkPinning(row: RunRow, ctx: RunFindingContext): void {
  let kind: FindingKind | null = null;
  let reason = '';
  if (row.commit === null || !ctx.knownActions.has(row.action)) {
    kind = 'unknown-definition-run';
    reason = row.commit === null ? 'no commit recorded' : 'the action has no history on the tracked branch';
  } else if (ctx.pit.indexOf(row.commit) < 0) {
    kind = 'unknown-definition-run';
    reason = 'pinned commit is not on the tracked branch';
  } else if (row.dirty) {
    kind = 'dirty-definition-run';
    reason = 'work tree differed from the commit';
  } else if (row.definitionStatus !== 'released') {
    kind = 'unreleased-definition-run';
    reason = `status ${row.definitionStatus ?? 'unknown'}`;
  }
  if (kind === null || ctx.collector.countIfOld(kind, 'action', row.action, row.started)) return;
  ctx.collector.add(
    {
      kind,
      severity: 'medium',
      subject: { type: 'action', id: row.action },
      at: row.started,
    },
    () => ({
      summary: `${row.action} ran as ${versionLabel(row)} (${reason}) by ${ctx.people.person(row.user)}`,
      evidence: [
        ...runEvidence(row, ctx),
        ['Pinned commit', row.commit ?? '–'],
        ['Definition status', row.definitionStatus ?? '–'],
        ['Dirty', row.dirty ? 'yes' : 'no'],
      ],
    }),
  );
}

function checkPermission(
  row: RunRow,
  ctx: RunFindingContext,
  judge: ReturnType<typeof createPermissionJudge>,
): void {
  // The scheduler starts scheduled runs as the owner or a service identity, not judged against roles: the schedule
  // was merged through review like its definition (docs/schedules.md).
  if (row.planned !== null) return;
  const roles = ctx.pit.rolesAt(row.point);
  const tags = ctx.pit.tagsAt('action', row.action, row.point);
  // The evidence is built only for the findings that are shown (the newest ones), not for every unauthorized run.
  if (
    judge.mayExecute(roles.roles, row.user, row.action, tags) ||
    ctx.collector.countIfOld('unauthorized-run', 'action', row.action, row.started)
  )
    return;
  ctx.collector.add(
    {
      kind: 'unauthorized-run',
      severity: 'high',
      subject: { type: 'action', id: row.action },
      at: row.started,
    },
    () => ({
      summary: `${ctx.people.person(row.user)} ran ${row.action} without actions:execute`,
      evidence: [
        ...runEvidence(row, ctx),
        ['User’s roles then', judge.rolesOf(roles.roles, row.user).join(', ') || 'none'],
        [
          'Role files',
          `as of ${roles.asOf ?? 'the start'} (${roles.changedIn === null ? 'none on the branch' : `last changed in ${roles.changedIn}`})`,
        ],
      ],
    }),
  );
}

function reportStreak(
  action: string,
  streak: readonly RunRow[],
  ongoing: boolean,
  ctx: RunFindingContext,
): void {
  const first = streak[0];
  const last = streak.at(-1);
  if (!first || !last || streak.length < ctx.streak) return;
  const users = [...new Set(streak.map((r) => ctx.people.person(r.user)))].sort();
  const versions = [...new Set(streak.map(versionLabel))].sort();
  ctx.collector.add(
    {
      kind: 'failing-streak',
      severity: 'medium',
      subject: { type: 'action', id: action },
      at: first.started,
    },
    () => ({
      summary: `${action} failed ${streak.length} times in a row${ongoing ? ' (still failing)' : ''}`,
      evidence: [
        ['Action', action],
        ['Runs in a row', String(streak.length)],
        ['First failed run', `${first.id} at ${iso(first.started)}`],
        ['Last failed run', `${last.id} at ${iso(last.started)}`],
        ['Ongoing', ongoing ? 'yes, no successful run since' : 'no, a later run succeeded'],
        ['Versions', versions.join(', ')],
        ['Users', users.slice(0, 10).join(', ') + (users.length > 10 ? `, … (${users.length})` : '')],
      ],
    }),
  );
}

/** A run its recorder never finished recording: what it did is unknown (docs/executions.md). */
function reportAbandoned(row: RunRow, ctx: RunFindingContext): void {
  if (ctx.collector.countIfOld('abandoned-run', 'action', row.action, row.started)) return;
  ctx.collector.add(
    {
      kind: 'abandoned-run',
      severity: 'medium',
      subject: { type: 'action', id: row.action },
      at: row.started,
    },
    () => ({
      summary: `${row.action} run ${row.id} by ${ctx.people.person(row.user)} has no recorded end: its recorder died`,
      evidence: runEvidence(row, ctx),
    }),
  );
}

/** A run the CLI wrote into the journal itself while the service is required: its roles were never checked first. */
function reportLocal(row: RunRow, ctx: RunFindingContext): void {
  if (ctx.collector.countIfOld('locally-recorded-run', 'action', row.action, row.started)) return;
  ctx.collector.add(
    {
      kind: 'locally-recorded-run',
      severity: 'high',
      subject: { type: 'action', id: row.action },
      at: row.started,
    },
    () => ({
      summary: `${row.action} run ${row.id} by ${ctx.people.person(row.user)} was recorded by the CLI, not the service`,
      evidence: [...runEvidence(row, ctx), ['Recorded via', 'local (executions.require_server is set)']],
    }),
  );
}

function runEvidence(row: RunRow, ctx: RunFindingContext): [string, string][] {
  return [
    ['Run', row.id],
    ['Action', row.action],
    ['Started', iso(row.started)],
    ['User', ctx.people.person(row.user)],
    [
      'Trigger',
      row.runbook ? `${row.trigger} (runbook ${row.runbook.id}, step ${row.runbook.step})` : row.trigger,
    ],
    ['Version ran', versionLabel(row)],
    ['Status', row.status],
  ];
}
