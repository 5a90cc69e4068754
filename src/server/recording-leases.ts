/**
 * Where the service keeps the lease of each remotely recorded run (docs/executions.md, Remote recording): granted by
 * `POST /recordings`, renewed by `POST /recordings/{id}/heartbeat`, claimed by the watchdog once it lapsed. In memory
 * for a file journal (one service; after a restart every open remote run is given a full lease again), in the
 * `recording_leases` table on PostgreSQL (every instance sees every renewal).
 */
export interface RecordingLeases {
  /** Grant or renew: the run's lease ends at `until` (never earlier than it already did). */
  renew(id: string, until: Date): Promise<void>;
  /** Give a lease ending at `until` to a run that has none; a run that has one keeps it. */
  adopt(id: string, until: Date): Promise<void>;
  /**
   * The runs whose lease ended before `now`, each claimed until `claimUntil` in the same step, so that of several
   * watchdogs only one closes a run at a time, and a claimer that dies leaves the lease to lapse again.
   */
  claimLapsed(now: Date, claimUntil: Date): Promise<string[]>;
  /** Whether the run holds a lease that ended before `now` (false without a lease). */
  lapsed(id: string, now: Date): Promise<boolean>;
  drop(id: string): Promise<void>;
}

/** The leases of one service process (file journal). */
export function memoryRecordingLeases(): RecordingLeases {
  const until = new Map<string, number>();
  return {
    async renew(id, at) {
      until.set(id, Math.max(until.get(id) ?? 0, at.getTime()));
    },
    async adopt(id, at) {
      if (!until.has(id)) until.set(id, at.getTime());
    },
    async claimLapsed(now, claimUntil) {
      const ids = [...until].filter(([, t]) => t < now.getTime()).map(([id]) => id);
      for (const id of ids) until.set(id, claimUntil.getTime());
      return ids.sort();
    },
    async lapsed(id, now) {
      const t = until.get(id);
      return t !== undefined && t < now.getTime();
    },
    async drop(id) {
      until.delete(id);
    },
  };
}
