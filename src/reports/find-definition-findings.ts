import type { Action, Runbook } from '../definitions/types.js';
import type { AuditEvent, InvalidEntry } from '../history/types.js';
import type { People } from './create-people.js';
import type { FindingCollector } from './finding-catalog.js';
import { iso } from './find-change-findings.js';
import type { DefinitionAtCommit } from './report-model.js';

export interface DefinitionFindingInput {
  actions: readonly DefinitionAtCommit[];
  runbooks: readonly DefinitionAtCommit[];
  /** Events up to the end of the period, oldest first. */
  events: readonly AuditEvent[];
  /** Invalid definition files committed inside the period. */
  invalid: readonly InvalidEntry[];
  lastRunBefore: ReadonlyMap<string, number>;
  until: number;
  staleDays: number;
  people: People;
  collector: FindingCollector;
}

const DAY = 86_400_000;

/**
 * Findings about the definitions as they stand at the end of the period: secret parameters with a value in git
 * (never printing it), released actions not run for `stale_days`, and definition files that did not validate.
 */
export function findDefinitionFindings(input: DefinitionFindingInput): void {
  const { people, collector } = input;
  const byId = groupEvents(input.events);
  const secretsOf = new Map<string, Set<string>>();
  for (const def of input.actions) {
    const action = def.value as Action;
    const secrets = new Set((action.parameters ?? []).filter((p) => p.secret).map((p) => p.name));
    secretsOf.set(action.id, secrets);
    for (const p of action.parameters ?? []) {
      if (!p.secret || p.default === undefined) continue;
      const setBy = [...(byId.get(`Action:${action.id}`) ?? [])]
        .reverse()
        .find((e) => touchesParameter(e, p.name));
      collector.add(
        {
          kind: 'secret-default',
          severity: 'medium',
          subject: { type: 'action', id: action.id },
          at: iso(setBy?.created_at ?? input.until),
        },
        () => ({
          summary: `${action.id}: secret parameter ${p.name} has a default in git`,
          evidence: [
            ['Action', action.id],
            ['Parameter', p.name],
            ['File', def.path],
            ...setEvidence(setBy, people),
          ],
        }),
      );
    }
    checkStale(def, action, byId.get(`Action:${action.id}`) ?? [], input);
  }
  for (const def of input.runbooks) {
    const runbook = def.value as Runbook;
    for (const step of runbook.steps) {
      const secrets = secretsOf.get(step.action);
      for (const name of Object.keys(step.with ?? {}).sort()) {
        if (!secrets?.has(name)) continue;
        const setBy = (byId.get(`Runbook::Step:${runbook.id}/${step.id}`) ?? []).at(-1);
        collector.add(
          {
            kind: 'secret-default',
            severity: 'medium',
            subject: { type: 'runbook', id: runbook.id },
            at: iso(setBy?.created_at ?? input.until),
          },
          () => ({
            summary: `${runbook.id}/${step.id} passes a literal to secret parameter ${name} of ${step.action}`,
            evidence: [
              ['Runbook step', `${runbook.id}/${step.id}`],
              ['Action', step.action],
              ['Parameter', name],
              ['File', def.path],
              ...setEvidence(setBy, people),
            ],
          }),
        );
      }
    }
  }
  for (const entry of input.invalid) {
    collector.add(
      {
        kind: 'invalid-definition',
        severity: 'low',
        subject: {
          type:
            entry.auditable_type === 'Action'
              ? 'action'
              : entry.auditable_type === 'Role'
                ? 'role'
                : 'runbook',
          id: entry.auditable_id,
        },
        at: iso(entry.created_at),
      },
      () => ({
        summary: `${entry.path} did not validate in ${entry.commit.slice(0, 10)}`,
        evidence: [
          ['File', entry.path],
          ['Commit', entry.commit],
          ['Time', iso(entry.created_at)],
          ['Author', people.person(entry.user.email)],
          ['Message', people.scrub(entry.message)],
          ...entry.findings
            .slice(0, 3)
            .map((f, i): [string, string] => [
              `Problem ${i + 1}`,
              `${f.file}:${f.line}:${f.col} ${f.message}`,
            ]),
        ],
      }),
    );
  }
}

function checkStale(
  def: DefinitionAtCommit,
  action: Action,
  events: readonly AuditEvent[],
  input: DefinitionFindingInput,
) {
  if (action.status !== 'released') return;
  const release = [...events].reverse().find(setsReleased);
  const releasedAt = release ? Date.parse(release.created_at) : -Infinity;
  const lastRun = input.lastRunBefore.get(action.id);
  const since = Math.max(releasedAt, lastRun ?? -Infinity);
  if (!Number.isFinite(since) || input.until - since <= input.staleDays * DAY) return;
  const idle = Math.floor((input.until - since) / DAY);
  input.collector.add(
    {
      kind: 'stale-action',
      severity: 'low',
      subject: { type: 'action', id: action.id },
      at: iso(since + input.staleDays * DAY),
    },
    () => ({
      summary: `${action.id} is released but ${lastRun === undefined ? 'was never run' : `has not run for ${idle} ${idle === 1 ? 'day' : 'days'}`}`,
      evidence: [
        ['Action', action.id],
        ['File', def.path],
        [
          'Released',
          release ? `${iso(release.created_at)} in ${release.commit}` : 'before the recorded history',
        ],
        ['Last run', lastRun === undefined ? 'never' : iso(lastRun)],
        ['Idle days', String(idle)],
        ['Threshold', `${input.staleDays} days (reports.stale_days)`],
      ],
    }),
  );
}

function setsReleased(e: AuditEvent): boolean {
  if (e.action === 'create') return e.audited_changes.status === 'released';
  const pair = e.audited_changes['/status'];
  return e.action === 'update' && Array.isArray(pair) && pair[1] === 'released';
}

function touchesParameter(e: AuditEvent, name: string): boolean {
  if (e.action === 'create') return true;
  if (e.action !== 'update') return false;
  return Object.keys(e.audited_changes).some(
    (p) => p === '/parameters' || p === `/parameters/${name}` || p === `/parameters/${name}/default`,
  );
}

function setEvidence(setBy: AuditEvent | undefined, people: People): [string, string][] {
  if (!setBy) return [['Set in', 'before the recorded history']];
  return [
    ['Set in commit', setBy.commit],
    ['Set by', people.person(setBy.user.email)],
    ['Time', iso(setBy.created_at)],
  ];
}

function groupEvents(events: readonly AuditEvent[]): Map<string, AuditEvent[]> {
  const map = new Map<string, AuditEvent[]>();
  for (const e of events) {
    const key = `${e.auditable_type}:${e.auditable_id}`;
    let list = map.get(key);
    if (!list) map.set(key, (list = []));
    list.push(e);
  }
  return map;
}
