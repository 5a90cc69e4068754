import type { Role } from '../definitions/types.js';
import type { AuditEvent, InvalidEntry } from '../history/types.js';
import type { ReportInput } from './report-model.js';

/** The role files in force at one point of the tracked branch. */
export interface RoleSnapshot {
  /** The first-parent commit whose tree is meant ("as of"), or null before the first commit. */
  asOf: string | null;
  /** The commit that last changed the role files in force, or null when there were none yet. */
  changedIn: string | null;
  roles: readonly Role[];
}

/** Lookups that place changes and runs on the tracked branch's timeline, for point-in-time permission checks. */
export interface PointInTime {
  /** Position of a first-parent commit (0 = oldest), or -1 when unknown. */
  indexOf(sha: string): number;
  /** Position of the last first-parent commit made at or before `ms`, or -1. */
  indexAt(ms: number): number;
  /**
   * indexAt for a run of times in ascending order (the report's rows): a cursor that steps forward along the commits
   * instead of a binary search per time; a time earlier than the one before is looked up afresh.
   */
  sweep(): (ms: number) => number;
  /** The role files as of the commit at `index` (-1: none). */
  rolesAt(index: number): RoleSnapshot;
  /** The tags of an action or runbook as of the commit at `index`, or null when it did not exist then. */
  tagsAt(kind: 'action' | 'runbook', id: string, index: number): string[] | null;
}

const NO_ROLES: RoleSnapshot = { asOf: null, changedIn: null, roles: [] };

/**
 * Index the branch's commits so that "the role files at commit C" and "at time T" are cheap: role files only change
 * at commits with role events, so each snapshot is read once per such commit. A commit's time is its committer date,
 * made monotonic along first-parent order (a rebased, back-dated commit cannot land before its parent).
 */
export function createPointInTime(
  input: Pick<ReportInput, 'commits' | 'definitionsAt'> & {
    events: readonly AuditEvent[];
    invalid: readonly InvalidEntry[];
  },
): PointInTime {
  const { commits } = input;
  const position = new Map<string, number>();
  const effective = new Float64Array(commits.length);
  let max = -Infinity;
  commits.forEach((c, i) => {
    position.set(c.sha, i);
    max = Math.max(max, Date.parse(c.created_at));
    effective[i] = max;
  });

  const roleChange = new Uint8Array(commits.length);
  const mark = (sha: string) => {
    const i = position.get(sha);
    if (i !== undefined) roleChange[i] = 1;
  };
  for (const e of input.events) if (e.auditable_type === 'Role') mark(e.commit);
  for (const e of input.invalid) if (e.auditable_type === 'Role') mark(e.commit);
  const epoch = new Int32Array(commits.length);
  let last = -1;
  for (let i = 0; i < commits.length; i++) {
    if (roleChange[i]) last = i;
    epoch[i] = last;
  }

  const snapshots = new Map<number, readonly Role[]>();
  const rolesOfEpoch = (j: number): readonly Role[] => {
    let roles = snapshots.get(j);
    if (!roles) {
      const sha = commits[j]?.sha;
      roles = sha === undefined ? [] : input.definitionsAt('role', sha).map((d) => d.value as Role);
      snapshots.set(j, roles);
    }
    return roles;
  };

  const tags = buildTagTimelines(input.events, position);
  const atIndex = new Map<number, RoleSnapshot>();
  const indexAt = (ms: number): number => {
    let lo = 0;
    let hi = commits.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((effective[mid] ?? Infinity) <= ms) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };

  return {
    indexOf: (sha) => position.get(sha) ?? -1,
    indexAt,
    sweep() {
      let at = -1;
      let previous = -Infinity;
      return (ms) => {
        if (Number.isNaN(ms)) return indexAt(ms);
        if (ms < previous) at = indexAt(ms);
        else while (at + 1 < commits.length && effective[at + 1]! <= ms) at++;
        previous = ms;
        return at;
      };
    },
    rolesAt(index) {
      if (index < 0) return NO_ROLES;
      let snapshot = atIndex.get(index);
      if (!snapshot) {
        const j = epoch[index] ?? -1;
        const asOf = commits[index]?.sha ?? null;
        snapshot =
          j < 0
            ? { asOf, changedIn: null, roles: NO_ROLES.roles }
            : { asOf, changedIn: commits[j]?.sha ?? null, roles: rolesOfEpoch(j) };
        atIndex.set(index, snapshot);
      }
      return snapshot;
    },
    tagsAt(kind, id, index) {
      // Asked once per run judged (500,000 in a full report): no key made per call, a binary search per timeline.
      const timeline = (kind === 'action' ? tags.action : tags.runbook).get(id);
      if (!timeline) return null;
      const { at } = timeline;
      // The value of the last event at or before `index`, up to the first event after it.
      let lo = 0;
      if (timeline.sorted) {
        let hi = at.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (at[mid]! <= index) lo = mid + 1;
          else hi = mid;
        }
      } else while (lo < at.length && at[lo]! <= index) lo++;
      return lo === 0 ? null : timeline.tags[lo - 1]!;
    },
  };
}

/**
 * The tags of one action or runbook after each of its events, in the order of the events: `at[k]` is the commit
 * index of event k. `sorted`: the indexes never go back (events in branch order), so a binary search finds the first
 * event after an index.
 */
interface TagTimeline {
  at: number[];
  tags: (string[] | null)[];
  sorted: boolean;
}

/** Per action and per runbook id, the tags after each of its events, in branch order. */
function buildTagTimelines(
  events: readonly AuditEvent[],
  position: Map<string, number>,
): { action: Map<string, TagTimeline>; runbook: Map<string, TagTimeline> } {
  const timelines = { action: new Map<string, TagTimeline>(), runbook: new Map<string, TagTimeline>() };
  for (const e of events) {
    const kind = e.auditable_type === 'Action' ? 'action' : e.auditable_type === 'Runbook' ? 'runbook' : null;
    const at = position.get(e.commit);
    if (kind === null || at === undefined) continue;
    const byId = timelines[kind];
    let list = byId.get(e.auditable_id);
    if (!list) byId.set(e.auditable_id, (list = { at: [], tags: [], sorted: true }));
    const previous = list.tags.at(-1) ?? [];
    let next: string[] | null;
    if (e.action === 'delete') next = null;
    else if (e.action === 'create') next = asTags(e.audited_changes.tags);
    else
      next = '/tags' in e.audited_changes ? asTags((e.audited_changes['/tags'] as unknown[])[1]) : previous;
    if (list.at.length > 0 && list.at.at(-1)! > at) list.sorted = false;
    list.at.push(at);
    list.tags.push(next);
  }
  return timelines;
}

function asTags(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((t): t is string => typeof t === 'string') : [];
}
