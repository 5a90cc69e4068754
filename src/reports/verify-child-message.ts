import type { VerifyReport } from '../executions/types.js';

/** What the child process used: its peak memory (MiB) and CPU time (ms). */
export interface ChildUsage {
  maxRssMiB: number;
  cpuMs: number;
}

/** What the verify child sends back: the report, its peak memory (MiB) and CPU time (ms), or why it failed. */
export type VerifyMessage =
  { ok: true; report: VerifyReport; usage: ChildUsage } | { ok: false; message: string };
