import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const read = (file: string): string => readFileSync(path.join(ROOT, file), 'utf8');
const architecture = read('docs/architecture.md');

describe('#15.5 the contracts and the architecture are documented in docs/', () => {
  it('#15.5 the README links every page that holds a contract', () => {
    const readme = read('README.md');
    for (const page of ['cli', 'definitions', 'history', 'executions', 'api', 'alerts', 'architecture']) {
      expect(readme, `README links docs/${page}.md`).toContain(`](docs/${page}.md)`);
    }
  });

  it('#15.5 docs/architecture.md places every folder of src/ in a layer and names only modules that exist', () => {
    const folders = readdirSync(path.join(ROOT, 'src'), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    for (const folder of folders) expect(architecture, `src/${folder}/`).toContain(`\`${folder}/\``);
    // Every module path the page names (`history/fold-history.ts`, `src/cli/commands/*.ts` aside) is a real file.
    const named = [...architecture.matchAll(/\b((?:src\/)?[a-z-]+\/[a-z0-9/-]+\.ts)\b/g)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(30);
    const missing = [...new Set(named)].filter((p) => {
      const rel = p.startsWith('src/') || p.startsWith('test/') || p.startsWith('scripts/') ? p : `src/${p}`;
      return !existsSync(path.join(ROOT, rel));
    });
    expect(missing, 'update docs/architecture.md for modules that moved').toEqual([]);
    expect(architecture).toMatch(/```mermaid/);
  });
});
