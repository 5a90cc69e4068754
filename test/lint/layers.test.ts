import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const eslint = new ESLint({ cwd: ROOT });

async function ruleIds(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('npm run lint enforces the layers and forbids import cycles (docs/architecture.md)', () => {
  it('#15.4 a domain module importing the CLI or the server fails lint', async () => {
    expect(
      await ruleIds("export { renderTable } from '../cli/output.js';\n", 'src/history/probe.ts'),
    ).toContain('import-x/no-restricted-paths');
    expect(
      await ruleIds("export { createApp } from '../server/create-app.js';\n", 'src/reports/probe.ts'),
    ).toContain('import-x/no-restricted-paths');
  });

  it('#15.4 infrastructure importing a domain, and the base importing anything, fail lint', async () => {
    expect(
      await ruleIds("export type { ExecutionRecord } from '../executions/types.js';\n", 'src/state/probe.ts'),
    ).toContain('import-x/no-restricted-paths');
    expect(await ruleIds("export { runGit } from '../git/run-git.js';\n", 'src/errors/probe.ts')).toContain(
      'import-x/no-restricted-paths',
    );
    expect(await ruleIds("export { runGit } from '../git/run-git.js';\n", 'src/history/probe.ts')).toEqual(
      [],
    );
  });

  it('#15.4 an import cycle fails lint', async () => {
    // The probes live in a scratch folder under src/ for as long as this test runs (the resolver needs files).
    const scratch = mkdtempSync(path.join(ROOT, 'src', 'history', 'lint-probe-'));
    try {
      const a = path.join(scratch, 'a.ts');
      const b = path.join(scratch, 'b.ts');
      writeFileSync(a, "import { b } from './b.js';\nexport const a = (): number => b() + 1;\n");
      writeFileSync(b, "import { a } from './a.js';\nexport const b = (): number => a() - 1;\n");
      const [result] = await eslint.lintFiles([a]);
      expect(result?.messages.map((m) => m.ruleId)).toContain('import-x/no-cycle');
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it('#15.4 the source tree has no upward import and no cycle', async () => {
    const results = (await eslint.lintFiles(['src'])).filter((r) => !r.filePath.includes('lint-probe-'));
    const layering = results.flatMap((r) =>
      r.messages
        .filter((m) => m.ruleId === 'import-x/no-restricted-paths' || m.ruleId === 'import-x/no-cycle')
        .map((m) => `${path.relative(ROOT, r.filePath)}:${m.line} ${m.message}`),
    );
    expect(layering).toEqual([]);
  }, 120_000);
});
