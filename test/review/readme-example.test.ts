import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { createDemoClone, type DemoClone } from '../helpers/demo-clone.js';

/** The README's "Pull request checks" section: its shell block and the output it shows. */
function readmeExample(): { script: string; output: string } {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = /^## Pull request checks\n([\s\S]*?)^## /m.exec(readme)?.[1] ?? '';
  const script = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  const output = /```text\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  return { script, output };
}

/** Commit shas differ from clone to clone (the sample commit's time, the demo's own head). */
const normalize = (text: string): string => text.replace(/\b[0-9a-f]{7}\b/g, '<sha>').trim();

let clone: DemoClone;
beforeAll(async () => {
  clone = await createDemoClone();
}, 120_000);
afterAll(async () => {
  await clone?.cleanup();
});

describe('#18 the README shows real pr-check output', () => {
  it('the pull request example prints what the README says, on a clone of the demo', async () => {
    const { script, output } = readmeExample();
    expect(script).toContain('opsledger pr-check --base main --head sample');
    const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn('bash', ['-e', '-c', script], { cwd: clone.dir, env: clone.env });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (b: Buffer) => (stdout += b.toString('utf8')));
      child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(normalize(result.stdout)).toBe(normalize(output));
  }, 120_000);
});
