import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;

describe('the published package', () => {
  it('#20.2 the committed dist/ bundle is what `npm run build` makes from the sources (no build on install)', () => {
    // The global setup ran `npm run build` over the work tree: a stale committed bundle now shows as changed.
    const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=all', '--', 'dist'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(status, 'commit the output of `npm run build` together with the sources it comes from').toBe('');
    const scripts = pkg.scripts as Record<string, string>;
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare', 'prepack']) {
      expect(scripts[hook], `no "${hook}" script: installing must not build`).toBeUndefined();
    }
  });

  it('#20.3 npm pack holds what is needed and nothing else', () => {
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    const files = (JSON.parse(out) as [{ files: { path: string }[] }])[0].files.map((f) => f.path).sort();
    const allowed = [
      /^package\.json$/,
      /^README\.md$/,
      /^LICENSE$/,
      /^CHANGELOG\.md$/,
      /^bin\/(opsledger|command-name)\.js$/,
      // bin/ is CommonJS (the launcher of the history entry, README "CLI start-up").
      /^bin\/package\.json$/,
      /^dist\/(chunks\/)?[\w/-]+\.js$/,
      /^dist\/cli\/(history|report|commander|shipped-validators)\.cjs$/,
      // Redoc's bundle for /api/v1/docs, with its licence (docs/api.md#api-docs).
      /^dist\/assets\/redoc\.standalone\.js(\.LICENSE\.txt)?$/,
      /^definitions\/schema\/[a-z]+\.schema\.json$/,
      // The GitHub workflow templates `init --github` writes (docs/github.md).
      /^docs\/workflows\/opsledger-[a-z-]+\.yml$/,
      /^hooks\/(pre-commit|commit-msg|pre-receive|lib\/opsledger-hook\.sh)$/,
    ];
    const unexpected = files.filter((f) => !allowed.some((re) => re.test(f)));
    expect(unexpected).toEqual([]);
    for (const needed of [
      'package.json',
      'README.md',
      'LICENSE',
      'CHANGELOG.md',
      'bin/opsledger.js',
      'bin/command-name.js',
      'bin/package.json',
      'dist/cli/main.js',
      'dist/cli/history.cjs',
      'dist/cli/report.cjs',
      'dist/cli/commander.cjs',
      'dist/cli/shipped-validators.cjs',
      'dist/reports/verify-worker.js',
      'dist/assets/redoc.standalone.js',
      'definitions/schema/action.schema.json',
      'definitions/schema/runbook.schema.json',
      'definitions/schema/role.schema.json',
      'definitions/schema/config.schema.json',
      'hooks/pre-commit',
      'hooks/commit-msg',
      'hooks/pre-receive',
      'hooks/lib/opsledger-hook.sh',
      'docs/workflows/opsledger-pull-request.yml',
    ]) {
      expect(files).toContain(needed);
    }
  });

  it('#20.3 package.json names its licence, home, repository, bug tracker and engines', () => {
    expect(pkg.license).toBe('MIT');
    expect(readFileSync(path.join(ROOT, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
    expect(pkg.repository).toMatchObject({ type: 'git', url: expect.stringMatching(/^git\+https:\/\//) });
    expect(pkg.homepage).toMatch(/^https:\/\//);
    expect(pkg.bugs).toMatchObject({ url: expect.stringMatching(/^https:\/\//) });
    expect(pkg.engines).toMatchObject({ node: expect.stringMatching(/^>=20/) });
    const changelog = readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8');
    expect(changelog).toMatch(/^# Changelog/);
    expect(changelog).toContain('## [Unreleased]');
    expect(changelog).toMatch(/## \[\d+\.\d+\.\d+\] - \d{4}-\d{2}-\d{2}/);
  });

  it('#20.3 the version the docs name (rev: vX.Y.Z, opsledger@X.Y.Z) is this package’s, and the changelog releases it', () => {
    const version = pkg.version as string;
    const changelog = readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8');
    expect(changelog).toMatch(new RegExp(`## \\[${version.replace(/\./g, '\\.')}\\] - \\d{4}-\\d{2}-\\d{2}`));
    const named = gitGrep('opsledger')
      .split('\n')
      .filter(Boolean)
      .flatMap((file) =>
        [
          ...readFileSync(path.join(ROOT, file), 'utf8').matchAll(/(?:rev: v|opsledger@v?)(\d+\.\d+\.\d+)/g),
        ].map((m) => `${file}: ${m[1]}`),
      );
    const docs = named.filter((n) => /^(docs\/|action\.yml|README\.md)/.test(n));
    expect(docs.length).toBeGreaterThan(3);
    expect(docs.filter((n) => !n.endsWith(`: ${version}`))).toEqual([]);
  });

  it('#15.5 contracts live in docs/: no file of the repository points at a contracts file outside it', () => {
    const outside = ['CONTRACTS', 'md'].join('.');
    const hits = gitGrep(outside).split('\n').filter(Boolean);
    expect(hits).toEqual([]);
    for (const page of ['cli', 'definitions', 'history', 'executions', 'api', 'architecture']) {
      expect(readFileSync(path.join(ROOT, 'docs', `${page}.md`), 'utf8').length).toBeGreaterThan(1000);
    }
  });
});

/** Tracked files holding `text` (git grep exits 1 when there are none). */
function gitGrep(text: string): string {
  try {
    return execFileSync('git', ['grep', '-l', '-F', text, '--', '.'], { cwd: ROOT, encoding: 'utf8' });
  } catch (err) {
    if ((err as { status?: number }).status === 1) return '';
    throw err;
  }
}
