import { presentExecution } from '../executions/present-execution.js';
import type { ExecutionRecord } from '../executions/types.js';

interface Presented {
  user: string;
  osUser: string | undefined;
  json: string;
}

/** The JSON text of each record as last presented, with the names it was presented under. */
const presented = new WeakMap<ExecutionRecord, Presented>();

/**
 * A record as the API shows it (`presentExecution`), as JSON text. The journal hands out the same record object for
 * the same line while it keeps it in memory, so the text is made once per record and reused; it is made again when
 * the vault resolves the initiator differently (an erasure), so nothing stale is ever served (docs/api.md).
 */
export function presentExecutionJson(
  record: ExecutionRecord,
  resolveUser: (stored: string) => string,
): string {
  const user = resolveUser(record.initiator.user);
  const osUser = record.initiator.os_user === undefined ? undefined : resolveUser(record.initiator.os_user);
  const known = presented.get(record);
  if (known && known.user === user && known.osUser === osUser) return known.json;
  const json = JSON.stringify(presentExecution(record, resolveUser));
  presented.set(record, { user, osUser, json });
  return json;
}
