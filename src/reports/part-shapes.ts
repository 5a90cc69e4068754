/** Plain data the report's model parts keep: what `build-activity` and `model-parts` both speak. */

/**
 * What the overview takes from one action's runs besides its section (whose run counts and weekly counts it sums):
 * kept with the part, so a report with the part kept merges these instead of walking the action's runs again.
 * Plain data (JSON-safe), each list sorted by its first column.
 */
export interface PartOverview {
  /** The finite durations (ms), ascending: the overview's percentiles need every one (stored as numbers: part-codec.ts). */
  durations: Float64Array;
  /** Per user (email, lower case): runs, failed runs, start of the latest run. */
  users: [string, number, number, number][];
  /** Per role the user held when the run started (by the role files then; `(no role)` for none): runs. */
  roles: [string, number][];
  /** Per target system: runs, start of the latest run. */
  targets: [string, number, number][];
}

/** Changes per author (email, lower case: changes, time of the latest) and per role held just before (changes). */
export interface ChangeTally {
  users: [string, number, number][];
  roles: [string, number][];
}
