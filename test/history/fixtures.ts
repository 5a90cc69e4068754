/** Definition files for history tests: small, valid, with the fields the rules talk about. */
export interface ActionFields {
  id?: string;
  status?: string;
  timeout?: number;
  serviceDefault?: string;
  targets?: string[];
  credential?: string;
  scriptFile?: string;
  comment?: string;
}

export function actionYaml(f: ActionFields = {}): string {
  const script = f.scriptFile
    ? `script:\n  shell: bash\n  file: ${f.scriptFile}\n`
    : 'script:\n  shell: bash\n  inline: systemctl restart "$SERVICE"\n';
  return (
    (f.comment ? `# ${f.comment}\n` : '') +
    `id: ${f.id ?? 'restart-web'}\n` +
    'name: Restart web\n' +
    'owner: alice@example.com\n' +
    `status: ${f.status ?? 'draft'}\n` +
    script +
    'parameters:\n' +
    '  - name: service\n' +
    '    type: string\n' +
    `    default: ${f.serviceDefault ?? 'nginx'}\n` +
    `targets: [${(f.targets ?? ['web-01']).join(', ')}]\n` +
    `credential: ${f.credential ?? 'ops/ssh'}\n` +
    `timeout: ${f.timeout ?? 300}\n`
  );
}

export interface StepFields {
  id: string;
  when?: string;
  action?: string;
}

export function runbookYaml(steps: StepFields[], id = 'failover', status = 'draft'): string {
  return (
    `id: ${id}\nname: Failover\nowner: carol@example.com\nstatus: ${status}\nsteps:\n` +
    steps
      .map(
        (s) =>
          `  - id: ${s.id}\n    name: Step ${s.id}\n    action: ${s.action ?? 'restart-web'}\n    when: ${s.when ?? 'on_success'}\n`,
      )
      .join('')
  );
}

export function roleYaml(members: string[], id = 'operators'): string {
  return `id: ${id}\nmembers:\n${members.map((m) => `  - ${m}`).join('\n')}\npermissions:\n  - actions:execute\n`;
}

export const ACTION_PATH = 'definitions/actions/restart-web.yaml';
export const RUNBOOK_PATH = 'definitions/runbooks/failover.yaml';
export const ROLE_PATH = 'definitions/roles/operators.yaml';
