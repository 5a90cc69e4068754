import { describe, expect, it } from 'vitest';
import { resolveScriptPath } from '../../src/definitions/resolve-script-path.js';
import type { PathInfo } from '../../src/definitions/sources/definition-source.js';

/** A fake source: files, folders and links by repo-relative path. */
function fakeLookup(
  tree: Record<string, 'file' | 'dir' | { link: string }>,
): (p: string) => Promise<PathInfo> {
  return (p) => {
    const entry = tree[p];
    if (entry === undefined) return Promise.resolve({ type: 'missing' });
    if (typeof entry === 'object') return Promise.resolve({ type: 'symlink', target: entry.link });
    return Promise.resolve({ type: entry });
  };
}

const tree = fakeLookup({
  scripts: 'dir',
  'scripts/run.sh': 'file',
  'scripts/current.sh': { link: 'run.sh' },
  'scripts/abs.sh': { link: '/etc/passwd' },
  'scripts/up.sh': { link: '../../etc/passwd' },
  'scripts/loop.sh': { link: 'loop.sh' },
  'scripts/v1': { link: '.' },
  'scripts/sub': { link: '../lib' },
  lib: 'dir',
  'lib/tool.sh': 'file',
});

describe('resolveScriptPath', () => {
  it.each([
    ['scripts/run.sh', 'scripts/run.sh'],
    ['./scripts//run.sh', 'scripts/run.sh'],
    ['lib/../scripts/run.sh', 'scripts/run.sh'],
    ['scripts/current.sh', 'scripts/run.sh'],
    ['scripts/v1/run.sh', 'scripts/run.sh'],
    ['scripts/sub/tool.sh', 'lib/tool.sh'],
  ])('%s resolves to %s', async (file, expected) => {
    expect(await resolveScriptPath(file, tree)).toEqual({ ok: true, path: expected });
  });

  it.each([
    ['/etc/passwd', 'script-escapes'],
    ['C:/scripts/run.ps1', 'script-escapes'],
    ['../outside.sh', 'script-escapes'],
    ['scripts/../../outside.sh', 'script-escapes'],
    ['scripts/abs.sh', 'script-symlink-out'],
    ['scripts/up.sh', 'script-symlink-out'],
    ['scripts/nope.sh', 'script-missing'],
    ['scripts', 'script-missing'],
    ['scripts/run.sh/x', 'script-missing'],
    ['scripts/loop.sh', 'script-missing'],
    ['.', 'script-missing'],
  ])('%s is refused with %s', async (file, code) => {
    const result = await resolveScriptPath(file, tree);
    expect(result).toMatchObject({ ok: false, code });
  });
});
