import { presentExecution } from '../executions/present-execution.js';
import type { ExecutionRecord } from '../executions/types.js';

interface Presented {
  user: string;
  osUser: string | undefined;
  /** UTF-8 bytes of the JSON text, ready to be written. */
  json: Buffer;
}

/** The JSON of each record as last presented, with the names it was presented under. */
const presented = new WeakMap<ExecutionRecord, Presented>();

/**
 * A record as the API shows it (`presentExecution`), as JSON (UTF-8 bytes, so a page is one copy of them). The journal hands out the same record object for
 * the same line while it keeps it in memory, so the text is made once per record and reused; it is made again when
 * the vault resolves the initiator differently (an erasure), so nothing stale is ever served (docs/api.md).
 */
export function presentExecutionJson(
  record: ExecutionRecord,
  resolveUser: (stored: string) => string,
): Buffer {
  const user = resolveUser(record.initiator.user);
  const osUser = record.initiator.os_user === undefined ? undefined : resolveUser(record.initiator.os_user);
  const known = presented.get(record);
  if (known && known.user === user && known.osUser === osUser) return known.json;
  const json = Buffer.from(JSON.stringify(presentExecution(record, resolveUser)));
  presented.set(record, { user, osUser, json });
  return json;
}
