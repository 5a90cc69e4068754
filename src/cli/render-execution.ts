import { formatDuration, type PresentedExecution } from '../executions/present-execution.js';
import type { RecordedParameter } from '../executions/types.js';
import { renderTable } from './output.js';

/** How many lines of each output tail the view shows (the journal keeps more; `--json` has all of it). */
const TAIL_LINES = 20;

const time = (iso: string | null): string =>
  iso === null ? '-' : `${iso.replace('T', ' ').replace(/Z$/, '')} UTC`;

const short = (sha: string | null): string => (sha === null ? '-' : sha.slice(0, 12));

/** A parameter value as a person reads it: secrets never, strings as they are. */
function showParameter(value: RecordedParameter): string {
  if (typeof value === 'object') return '[redacted]';
  return String(value);
}

/** The last `TAIL_LINES` lines of an output tail, indented, with a note when lines were left out. */
function renderTail(tail: string): string[] {
  const lines = tail.replace(/\n$/, '').split('\n');
  const kept = lines.slice(-TAIL_LINES);
  const cut = lines.length - kept.length;
  return [
    ...(cut > 0 ? [`    … ${cut} earlier lines (--json has them)`] : []),
    ...kept.map((l) => `    ${l}`),
  ];
}

/**
 * One run as a person reads it (`opsledger executions ID`): a header block (what ran, pinned to which version, who
 * started it and how, when, with which parameters), a table per target, and each target's output tails. Takes the
 * run's records in journal order (start, end); the last one is its state. docs/executions.md#reading-one-run
 */
export function renderExecution(records: readonly PresentedExecution[]): string {
  const r = records.at(-1);
  if (r === undefined) return '';
  const d = r.definition;
  const who = r.initiator;
  const header: [string, string][] = [
    ['execution', r.id],
    ['action', r.action_id],
    [
      'version',
      d.commit === null
        ? `not committed${d.dirty ? ' (dirty work tree)' : ''}`
        : `v${d.version ?? '?'} (${d.status ?? 'no status'}) at commit ${short(d.commit)}, blob ${short(d.blob)}${d.dirty ? ', DIRTY work tree' : ''}`,
    ],
    ['definition', d.path ?? '-'],
    ['status', `${r.status}${r.exit_code === null ? '' : ` (exit ${r.exit_code})`}`],
    [
      'initiator',
      `${who.user}${who.os_user || who.host ? ` (${who.os_user ?? '?'}@${who.host ?? '?'})` : ''} via ${who.via}`,
    ],
    ['trigger', r.trigger],
  ];
  if (r.runbook) header.push(['runbook', `${r.runbook.id} step ${r.runbook.step} (run ${r.runbook.run_id})`]);
  header.push(
    ['started', time(r.started_at)],
    ['finished', time(r.finished_at)],
    ['duration', formatDuration(r.duration_ms)],
    ['targets', r.targets.join(', ') || '-'],
  );
  const params = Object.entries(r.parameters).sort(([a], [b]) => a.localeCompare(b));
  if (params.length === 0) header.push(['parameters', '-']);
  params.forEach(([name, value], i) =>
    header.push([i === 0 ? 'parameters' : '', `${name}=${showParameter(value)}`]),
  );
  if (r.command) header.push(['command', r.command.join(' ')]);
  if (r.error) header.push(['error', r.error]);
  if (r.late_end) {
    // The end a cut-off CLI delivered after the service closed the run (docs/executions.md, Remote recording).
    const l = r.late_end;
    header.push([
      'late end',
      `${l.status}${l.exit_code === null ? '' : ` (exit ${l.exit_code})`} at ${time(l.finished_at)}, delivered ${time(l.delivered_at)}`,
    ]);
  }
  header.push(['records', records.map((x) => `seq ${x.seq} (${x.status})`).join(', ')]);

  const out = [renderTable(header.map(([k, v]) => [k, v]))];
  const results = r.results ?? [];
  if (results.length > 0) {
    out.push(
      '',
      renderTable([
        ['TARGET', 'STATUS', 'EXIT', 'SIGNAL', 'DURATION', 'TRUNCATED'],
        ...results.map((x) => [
          x.target ?? '(local)',
          x.status,
          x.exit_code === null ? '-' : String(x.exit_code),
          x.signal ?? '-',
          formatDuration(x.duration_ms),
          x.truncated_bytes > 0 ? `${x.truncated_bytes} bytes` : '-',
        ]),
      ]),
    );
    for (const x of results) {
      for (const [stream, tail] of [
        ['stdout', x.stdout_tail],
        ['stderr', x.stderr_tail],
      ] as const) {
        if (tail === '') continue;
        out.push('', `${x.target ?? '(local)'} ${stream} (tail):`, ...renderTail(tail));
      }
    }
  }
  return out.join('\n');
}
