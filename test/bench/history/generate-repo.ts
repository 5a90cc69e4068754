import { execFileSync, spawnSync } from 'node:child_process';

/** Shape of the synthetic repo (the issue's benchmark: 200 definitions, 5,000 commits of 1–3 files). */
export interface GenerateOptions {
  dir: string;
  commits: number;
  actions: number;
  runbooks: number;
  roles: number;
  stepsPerRunbook: number;
  seed: number;
}

export const DEFAULT_SHAPE: Omit<GenerateOptions, 'dir'> = {
  commits: 5000,
  actions: 150,
  runbooks: 40,
  roles: 10,
  stepsPerRunbook: 10,
  seed: 42,
};

const PEOPLE = [
  ['Alice Admin', 'alice@example.com'],
  ['Bob Builder', 'bob@example.com'],
  ['Carol Checker', 'carol@example.com'],
  ['Dörte Çelik', 'doerte@example.com'],
  ['Eve Ops', 'eve@example.com'],
] as const;
const STATUSES = ['draft', 'approved', 'released', 'deprecated'] as const;
const WHENS = ['on_success', 'on_failure', 'always'] as const;

/** A small deterministic PRNG so every run builds the same repo. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface ActionState {
  id: string;
  dir: string;
  timeout: number;
  status: string;
  service: string;
  targets: number;
  tags: string[];
  scriptFile: string | null;
  comment: number;
}

interface RunbookState {
  id: string;
  status: string;
  steps: { id: string; action: string; when: string; timeout: number; automatic: boolean }[];
}

function actionYaml(a: ActionState): string {
  const script = a.scriptFile
    ? `script:\n  shell: bash\n  file: ${a.scriptFile}\n`
    : `script:\n  shell: bash\n  inline: |\n    set -eu\n    systemctl restart "$SERVICE"\n    systemctl is-active "$SERVICE"\n`;
  return (
    `# ${a.id}: maintained by the platform team (rev ${a.comment})\n` +
    `id: ${a.id}\nname: ${a.id.replace(/-/g, ' ')}\ndescription: Restarts a service and checks that it came back.\n` +
    `owner: alice@example.com\ntags: [${a.tags.join(', ')}]\nstatus: ${a.status}\n${script}` +
    `parameters:\n  - name: service\n    type: string\n    required: true\n    default: ${a.service}\n` +
    `    description: The systemd unit to restart.\n  - name: force\n    type: boolean\n    default: false\n` +
    `targets:\n${Array.from({ length: a.targets }, (_, i) => `  - web-${String(i + 1).padStart(2, '0')}`).join('\n')}\n` +
    `credential: ops/ssh-restart\ntimeout: ${a.timeout}\n`
  );
}

function runbookYaml(r: RunbookState): string {
  const steps = r.steps
    .map(
      (s) =>
        `  - id: ${s.id}\n    name: Step ${s.id}\n    action: ${s.action}\n    with:\n      service: nginx\n` +
        `    when: ${s.when}\n    automatic: ${s.automatic}\n    timeout: ${s.timeout}\n`,
    )
    .join('');
  return `id: ${r.id}\nname: ${r.id}\nowner: carol@example.com\nstatus: ${r.status}\nsteps:\n${steps}`;
}

function roleYaml(id: string, members: string[]): string {
  return `id: ${id}\ndescription: Role ${id}\nmembers:\n${members.map((m) => `  - ${m}`).join('\n')}\npermissions:\n  - actions:execute\n  - executions:read:own\n`;
}

/**
 * Build the benchmark repo with `git fast-import` (seconds, not minutes): branch `main` with the definitions created
 * first, then commits touching 1–3 files each (fields, parameters, steps, comments, script files, moves, one invalid
 * file now and then), and every 25th commit a `Merge pull request #N` of a two-commit side branch.
 */
export function generateRepo(options: GenerateOptions): { files: Record<string, string> } {
  const random = rng(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const chunks: Buffer[] = [];
  const emit = (s: string | Buffer): void => void chunks.push(typeof s === 'string' ? Buffer.from(s) : s);
  let mark = 0;
  let time = Date.parse('2024-01-01T00:00:00Z') / 1000;
  const files: Record<string, string> = {};

  const actions: ActionState[] = Array.from({ length: options.actions }, (_, i) => ({
    id: `action-${String(i).padStart(3, '0')}`,
    dir: i % 3 === 0 ? 'web' : i % 3 === 1 ? 'db' : 'net',
    timeout: 300,
    status: 'draft',
    service: 'nginx',
    targets: 2,
    tags: ['ops'],
    scriptFile: i % 10 === 0 ? `scripts/action-${i}.sh` : null,
    comment: 0,
  }));
  const runbooks: RunbookState[] = Array.from({ length: options.runbooks }, (_, i) => ({
    id: `runbook-${String(i).padStart(2, '0')}`,
    status: 'draft',
    steps: Array.from({ length: options.stepsPerRunbook }, (_, j) => ({
      id: `step-${j}`,
      action: actions[(i + j) % actions.length]!.id,
      when: 'on_success',
      timeout: 60,
      automatic: true,
    })),
  }));
  const roles = Array.from({ length: options.roles }, (_, i) => ({
    id: `role-${i}`,
    members: [PEOPLE[i % PEOPLE.length]![1]],
  }));
  const actionPath = (a: ActionState): string => `definitions/actions/${a.dir}/${a.id}.yaml`;

  const blob = (content: string): number => {
    const bytes = Buffer.from(content);
    emit(`blob\nmark :${++mark}\ndata ${bytes.length}\n`);
    emit(bytes);
    emit('\n');
    return mark;
  };
  let mainTip: number | null = null;
  let count = 0;
  let pr = 0;
  const commit = (
    ref: string,
    from: number | null,
    message: string,
    ops: { path: string; content: string | null }[],
    merge?: number,
  ): number => {
    const marks = ops.map((op) => (op.content === null ? null : blob(op.content)));
    const [name, email] = pick(PEOPLE);
    time += 60 + Math.floor(random() * 3600);
    const msg = Buffer.from(message);
    emit(`commit ${ref}\nmark :${++mark}\n`);
    emit(`author ${name} <${email}> ${time} +0000\ncommitter ${name} <${email}> ${time} +0000\n`);
    emit(`data ${msg.length}\n`);
    emit(msg);
    emit('\n');
    if (from !== null) emit(`from :${from}\n`);
    if (merge !== undefined) emit(`merge :${merge}\n`);
    ops.forEach((op, i) => {
      emit(op.content === null ? `D ${op.path}\n` : `M 100644 :${marks[i]} ${op.path}\n`);
      if (op.content === null) delete files[op.path];
      else files[op.path] = op.content;
    });
    emit('\n');
    count++;
    return mark;
  };

  // Creation commits: 10 definitions each.
  const creations: { path: string; content: string }[] = [
    ...actions.flatMap((a) => [
      { path: actionPath(a), content: actionYaml(a) },
      ...(a.scriptFile ? [{ path: a.scriptFile, content: `#!/bin/bash\necho ${a.id} v0\n` }] : []),
    ]),
    ...runbooks.map((r) => ({ path: `definitions/runbooks/${r.id}.yaml`, content: runbookYaml(r) })),
    ...roles.map((r) => ({ path: `definitions/roles/${r.id}.yaml`, content: roleYaml(r.id, r.members) })),
  ];
  for (let i = 0; i < creations.length; i += 10) {
    mainTip = commit('refs/heads/main', mainTip, `Add definitions ${i / 10 + 1}`, creations.slice(i, i + 10));
  }

  const change = (): { path: string; content: string | null }[] => {
    const r = random();
    if (r < 0.6) {
      const a = pick(actions);
      const ops: { path: string; content: string | null }[] = [];
      const what = random();
      if (what < 0.2) a.timeout = 60 + Math.floor(random() * 3000);
      else if (what < 0.35) a.status = pick(STATUSES);
      else if (what < 0.5) a.service = pick(['nginx', 'apache', 'haproxy', 'envoy']);
      else if (what < 0.6) a.targets = 1 + Math.floor(random() * 5);
      else if (what < 0.7) a.tags = random() < 0.5 ? ['ops'] : ['ops', 'web'];
      else if (what < 0.8) a.comment++;
      else if (what < 0.85 && a.scriptFile) {
        return [{ path: a.scriptFile, content: `#!/bin/bash\necho ${a.id} v${count}\n` }];
      } else if (what < 0.88 && a.id !== 'action-000') {
        // action-000 never moves, so a path-limited walk (git log -- file, isomorphic-git) sees its whole history.
        const old = actionPath(a);
        a.dir = a.dir === 'web' ? 'legacy' : 'web';
        return [
          { path: old, content: null },
          { path: actionPath(a), content: actionYaml(a) },
        ];
      } else if (what < 0.89) {
        return [{ path: actionPath(a), content: actionYaml(a).replace('timeout:', 'timout:') }];
      } else a.timeout += 1;
      ops.push({ path: actionPath(a), content: actionYaml(a) });
      return ops;
    }
    if (r < 0.9) {
      const rb = pick(runbooks);
      const what = random();
      const step = pick(rb.steps);
      if (what < 0.3) step.when = pick(WHENS);
      else if (what < 0.5) step.timeout = 30 + Math.floor(random() * 600);
      else if (what < 0.6) step.automatic = !step.automatic;
      else if (what < 0.7) rb.status = pick(STATUSES);
      else if (what < 0.8 && rb.steps.length > 2) {
        const [first, second] = [rb.steps[0]!, rb.steps[1]!];
        rb.steps[0] = second;
        rb.steps[1] = first;
      } else step.action = pick(actions).id;
      return [{ path: `definitions/runbooks/${rb.id}.yaml`, content: runbookYaml(rb) }];
    }
    const role = pick(roles);
    const [, email] = pick(PEOPLE);
    role.members = role.members.includes(email)
      ? role.members.filter((m) => m !== email)
      : [...role.members, email];
    if (role.members.length === 0) role.members = ['alice@example.com'];
    return [{ path: `definitions/roles/${role.id}.yaml`, content: roleYaml(role.id, role.members) }];
  };

  while (count < options.commits) {
    if (count % 25 === 0 && count + 3 <= options.commits) {
      pr++;
      const ref = `refs/heads/pr-${pr}`;
      const one = change();
      const s1 = commit(ref, mainTip, `Change for PR ${pr}`, one);
      const two = change();
      const s2 = commit(ref, s1, `Follow-up for PR ${pr}`, two);
      const merged = new Map<string, string | null>();
      for (const op of [...one, ...two]) merged.set(op.path, files[op.path] ?? null);
      mainTip = commit(
        'refs/heads/main',
        mainTip,
        `Merge pull request #${pr} from team/pr-${pr}`,
        [...merged].map(([path, content]) => ({ path, content })),
        s2,
      );
      continue;
    }
    const ops = [...change()];
    const extra = Math.floor(random() * 3);
    for (let i = 0; i < extra && ops.length < 3; i++) {
      for (const op of change()) if (ops.length < 3 && !ops.some((o) => o.path === op.path)) ops.push(op);
    }
    const squash = random() < 0.1;
    mainTip = commit(
      'refs/heads/main',
      mainTip,
      `Update definitions${squash ? ` (#${1000 + count})` : ''}`,
      ops,
    );
  }

  execFileSync('git', ['init', '-q', '-b', 'main', options.dir]);
  const result = spawnSync('git', ['fast-import', '--quiet', '--done'], {
    cwd: options.dir,
    input: Buffer.concat([...chunks, Buffer.from('done\n')]),
    maxBuffer: 1 << 28,
  });
  if (result.status !== 0) throw new Error(`git fast-import failed: ${result.stderr.toString()}`);
  execFileSync('git', ['reset', '-q', '--hard', 'main'], { cwd: options.dir });
  const sideRefs = execFileSync('git', ['for-each-ref', '--format=delete %(refname)', 'refs/heads/pr-*'], {
    cwd: options.dir,
    encoding: 'utf8',
  });
  execFileSync('git', ['update-ref', '--stdin'], { cwd: options.dir, input: sideRefs });
  execFileSync('git', ['config', 'user.name', 'Bench Bot'], { cwd: options.dir });
  execFileSync('git', ['config', 'user.email', 'bench@example.com'], { cwd: options.dir });
  return { files };
}
