import { DEMO_ROLE_FILES } from '../helpers/demo-roles.js';
import { createTestRepo, type TestRepo } from '../helpers/git-repo.js';

/** The demo's role files (one fixture for every test: test/helpers/demo-roles.ts). */
export const ROLE_FILES: Record<string, string> = DEMO_ROLE_FILES;

export const ACTION_FILES: Record<string, string> = {
  'definitions/actions/disk-usage.yaml': `id: disk-usage
name: Disk usage
owner: bob@example.com
tags: [disk]
status: released
script:
  shell: sh
  inline: echo "usage of $OPSLEDGER_PARAM_PATH on $OPSLEDGER_TARGET"
parameters:
  - name: path
    type: string
    default: /var/log
  - name: token
    type: string
    secret: true
targets: [web-01, web-02]
timeout: 30
`,
  'definitions/actions/restart-web.yaml': `id: restart-web
name: Restart web
owner: bob@example.com
tags: [web]
status: released
script:
  shell: sh
  inline: echo restarting
timeout: 30
`,
  'definitions/actions/ping.yaml': `id: ping
name: Ping
owner: bob@example.com
tags: [monitoring]
status: released
script:
  shell: sh
  inline: echo pong
timeout: 30
`,
};

export const RUNBOOK_FILES: Record<string, string> = {
  'definitions/runbooks/web-incident.yaml': `id: web-incident
name: Web incident
owner: carol@example.com
status: released
steps:
  - id: check
    name: Check disk
    action: disk-usage
  - id: restart
    name: Restart
    action: restart-web
    when: on_success
    automatic: false
`,
};

/** A repo with the demo-equivalent roles, three actions and a runbook, then a change to each definition. */
export async function createFixtureRepo(): Promise<TestRepo> {
  const repo = await createTestRepo([
    { message: 'Roles', files: ROLE_FILES },
    { message: 'Actions and a runbook', files: { ...ACTION_FILES, ...RUNBOOK_FILES } },
  ]);
  await repo.commit({
    message: 'Longer timeout for disk-usage (#7)',
    files: {
      'definitions/actions/disk-usage.yaml': ACTION_FILES['definitions/actions/disk-usage.yaml']!.replace(
        'timeout: 30',
        'timeout: 60',
      ),
    },
  });
  await repo.commit({
    message: 'Restart step is automatic now',
    files: {
      'definitions/runbooks/web-incident.yaml': RUNBOOK_FILES[
        'definitions/runbooks/web-incident.yaml'
      ]!.replace('automatic: false', 'automatic: true'),
    },
  });
  await repo.write('.gitignore', '.opsledger/\n');
  await repo.commit({
    message: 'Reports',
    files: {
      'reports/index.html': '<!doctype html><title>Reports</title><h1>Reports</h1>',
      'reports/actions/disk-usage.md': '# disk-usage\n',
      'reports/.secret': 'hidden',
      // What `opsledger report` writes last: the files the API may serve (docs/reports.md).
      'reports/manifest.json': JSON.stringify({
        generator: 'opsledger report',
        format: 1,
        files: ['actions/disk-usage.md', 'index.html'],
      }),
    },
  });
  return repo;
}
