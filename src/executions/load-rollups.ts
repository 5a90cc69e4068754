import { openState } from '../state/open-state.js';
import { RETENTION_COLLECTION, emptyRetention } from '../state/retention-state.js';
import { finishRollups } from './plan-retention.js';
import type { Rollup } from './types.js';

/** The monthly per-action rollups of every execution retention purged, by action then month (users as stored). */
export async function loadRollups(dataDir: string): Promise<Rollup[]> {
  return finishRollups((await openState(dataDir).read(RETENTION_COLLECTION, emptyRetention)).rollups);
}
