import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAlerts } from '../../src/alerts/open-alerts.js';
import { withDefaults } from '../../src/config/load-config.js';
import type { ComplianceFinding, FindingGroup } from '../../src/reports/report-model.js';

const NOW = new Date('2026-03-01T10:00:00Z');

function finding(id: string, summary: string): ComplianceFinding {
  return {
    kind: 'stale-action',
    severity: 'low',
    subject: { type: 'action', id },
    at: '2026-02-01T00:00:00Z',
    summary,
    evidence: [['last run', 'never']],
  };
}
const group = (items: ComplianceFinding[]): FindingGroup => ({
  kind: 'stale-action',
  severity: 'low',
  title: 'Stale actions',
  why: 'w',
  total: items.length,
  items,
});

describe('#19.1 finding.opened from reports', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'opsledger-findings-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('#19.1 the first report sets the starting point; each later new finding is told once', async () => {
    const alerts = openAlerts({
      dataDir,
      config: {
        webhooks: withDefaults({
          webhooks: [{ id: 'w', url: 'https://example.com/h', events: ['finding.opened'], secret_env: 'S' }],
        }).webhooks,
      },
      now: () => NOW,
      onWarning: () => undefined,
    });
    const a = finding('db-backup', 'not run for 40 days');
    const b = finding('web-restart', 'not run for 35 days');
    await alerts.emitFindingAlerts([group([a])]);
    expect(await alerts.outbox().read(0, 100)).toEqual([]);
    await alerts.emitFindingAlerts([group([a, b])]);
    await alerts.emitFindingAlerts([group([a, b])]);
    const events = (await alerts.outbox().read(0, 100)).map((e) => e.event);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'finding.opened',
      data: {
        finding: { code: 'stale-action', subject: 'action:web-restart', message: 'not run for 35 days' },
      },
    });
  });
});
