import type { Action, Runbook } from '../definitions/types.js';
import type { People } from './create-people.js';
import { REDACTED } from './describe-change.js';
import type { DefinitionSummary } from './report-model.js';
import { formatValue } from './report-format.js';

export interface DefinitionState {
  kind: 'action' | 'runbook';
  value: Action | Runbook;
  path: string;
  version: number;
  commit: string;
  updated_at: string;
  deleted: boolean;
}

/** What the report shows of a definition's current (or last, when deleted) state. Secret defaults never appear. */
export function summarizeDefinition(state: DefinitionState, people: People): DefinitionSummary {
  const v = state.value;
  const base = {
    id: v.id,
    name: people.scrub(v.name),
    status: v.status,
    owner: people.person(v.owner),
    description: people.scrub(v.description ?? ''),
    tags: [...(v.tags ?? [])].sort(),
    path: state.path,
    version: state.version,
    commit: state.commit,
    updated_at: state.updated_at,
    deleted: state.deleted,
  };
  if (state.kind === 'runbook') {
    const rb = v as Runbook;
    return {
      ...base,
      fields: [['Steps', String(rb.steps.length)]],
      parameters: [],
      script: null,
      steps: rb.steps.map((s) => ({
        id: s.id,
        name: people.scrub(s.name),
        action: s.action,
        when: s.when ?? 'on_success',
        // docs/definitions.md: a step runs by itself unless it says `automatic: false`.
        automatic: s.automatic ?? true,
      })),
    };
  }
  const a = v as Action;
  const fields: [string, string][] = [['Shell', a.script.shell]];
  if (a.script.file) fields.push(['Script file', a.script.file]);
  fields.push(['Targets', (a.targets ?? []).join(', ') || '–']);
  fields.push(['Credential', a.credential ?? '–']);
  fields.push(['Timeout', a.timeout === undefined ? '–' : `${a.timeout} s`]);
  if (a.concurrency !== undefined) fields.push(['Concurrency', String(a.concurrency)]);
  if (a.schedule)
    fields.push([
      'Schedule',
      typeof a.schedule === 'string' ? a.schedule : `${a.schedule.cron} (${a.schedule.timezone ?? 'UTC'})`,
    ]);
  return {
    ...base,
    fields,
    parameters: (a.parameters ?? []).map((p) => ({
      name: p.name,
      type: p.type,
      required: p.required ?? false,
      default: p.default === undefined ? '' : p.secret ? REDACTED : formatValue(p.default),
      secret: p.secret ?? false,
      notes: [
        p.enum ? `one of ${p.enum.map((x) => formatValue(x)).join(', ')}` : '',
        p.pattern ? `pattern ${p.pattern}` : '',
        people.scrub(p.description ?? ''),
      ]
        .filter(Boolean)
        .join('; '),
    })),
    script: {
      shell: a.script.shell,
      file: a.script.file ?? null,
      inline: a.script.inline === undefined ? null : people.scrub(a.script.inline),
    },
    steps: [],
  };
}
