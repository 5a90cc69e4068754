import { describe, expect, it } from 'vitest';
import type { Runbook } from '../../src/definitions/types.js';
import { createPeople } from '../../src/reports/create-people.js';
import { summarizeDefinition } from '../../src/reports/summarize-definition.js';

const runbook = (steps: Runbook['steps']): Runbook =>
  ({ id: 'rb', name: 'Runbook', owner: 'alice@example.com', status: 'released', steps }) as Runbook;

describe('summarizeDefinition of a runbook', () => {
  it('#13.16 a step without `automatic` is automatic (the documented default is true)', () => {
    const summary = summarizeDefinition(
      {
        kind: 'runbook',
        value: runbook([
          { id: 'plain', name: 'Plain', action: 'a' },
          { id: 'manual', name: 'Manual', action: 'a', automatic: false },
          { id: 'explicit', name: 'Explicit', action: 'a', automatic: true },
        ] as Runbook['steps']),
        path: 'definitions/runbooks/rb.yaml',
        version: 1,
        commit: 'c'.repeat(40),
        updated_at: '2026-01-01T00:00:00.000Z',
        deleted: false,
      },
      createPeople(null, new Map()),
    );
    expect(summary.steps.map((s) => [s.id, s.automatic])).toEqual([
      ['plain', true],
      ['manual', false],
      ['explicit', true],
    ]);
  });
});
