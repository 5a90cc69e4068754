import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileLockError } from '../../src/state/file-lock.js';
import { acquireFlock } from '../../src/state/flock.js';
import { hmacSecret, loadHmacKey } from '../../src/state/hmac-key.js';
import { openState } from '../../src/state/open-state.js';
import { openPseudonymVault } from '../../src/state/pseudonym-vault.js';
import { ROOT } from '../helpers/cli.js';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'opsledger-state-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('state store', () => {
  it('writes a collection atomically, owner-only, and reads it back', async () => {
    const state = openState(dataDir);
    expect(await state.read('things', () => ({ n: 0 }))).toEqual({ n: 0 });
    const result = await state.update(
      'things',
      () => ({ n: 0 }),
      (d) => {
        d.n += 5;
        return d.n;
      },
    );
    expect(result).toBe(5);
    expect(await openState(dataDir).read('things', () => ({ n: 0 }))).toEqual({ n: 5 });
    expect(statSync(state.fileOf('things')).mode & 0o777).toBe(0o600);
    // No temp file left; the lock file stays in place (flock on it).
    expect(readdirSync(state.dir).sort()).toEqual(['things.json', 'things.json.lock']);
    expect(() => state.fileOf('../escape')).toThrow(/invalid state collection name/);
  });

  it('never loses an update when 4 processes increment the same counter 50 times each', async () => {
    const code = `
      import { openState } from ${JSON.stringify(pathToFileURL(path.join(ROOT, 'dist/state/open-state.js')).href)};
      const state = openState(process.argv[1], { lockTimeoutMs: 60000 });
      for (let i = 0; i < 50; i++) await state.update('counter', () => ({ n: 0 }), (d) => { d.n++; });
    `;
    const codes = await Promise.all(
      Array.from({ length: 4 }, () => {
        const child = spawn(process.execPath, ['--input-type=module', '-e', code, dataDir], {
          stdio: 'inherit',
        });
        return new Promise<number | null>((resolve) => child.on('close', resolve));
      }),
    );
    expect(codes).toEqual([0, 0, 0, 0]);
    expect(await openState(dataDir).read('counter', () => ({ n: 0 }))).toEqual({ n: 200 });
  });

  it('gives up on a held lock after the timeout (STATE_LOCKED)', async () => {
    const state = openState(dataDir, { lockTimeoutMs: 150 });
    await state.update(
      'x',
      () => ({}),
      () => undefined,
    );
    const release = await acquireFlock(`${state.fileOf('x')}.lock`);
    await expect(
      state.update(
        'x',
        () => ({}),
        () => undefined,
      ),
    ).rejects.toMatchObject({ code: 'STATE_LOCKED' });
    await expect(acquireFlock(`${state.fileOf('x')}.lock`, { timeoutMs: 50 })).rejects.toBeInstanceOf(
      FileLockError,
    );
    release();
    await state.update(
      'x',
      () => ({}),
      () => undefined,
    );
  });
});

describe('pseudonym vault and HMAC key', () => {
  it('gives one pseudonym per person, forgets on erasure, and never reuses an erased pseudonym', async () => {
    const vault = await openPseudonymVault(openState(dataDir));
    const a = await vault.pseudonymize('Alice@Example.com');
    expect(a).toMatch(/^user-[0-9a-f]{16}$/);
    expect(await vault.pseudonymize('alice@example.com')).toBe(a);
    const os = await vault.pseudonymize('alice', { kind: 'os_user', linkedTo: 'alice@example.com' });
    expect(os).toMatch(/^os-/);
    const b = await vault.pseudonymize('bob@example.com');
    expect(vault.resolve(a)).toBe('alice@example.com');
    expect(vault.resolve(os)).toBe('alice');

    // Another process erases alice; this one notices on its next look.
    const other = await openPseudonymVault(openState(dataDir));
    expect((await other.forget('alice@example.com')).sort()).toEqual([a, os].sort());
    await vault.refreshIfChanged();
    expect(vault.resolve(a)).toBe(a);
    expect(vault.resolve(b)).toBe('bob@example.com');
    expect(vault.lookup('alice@example.com')).toBeNull();
    expect(await vault.pseudonymize('alice@example.com')).not.toBe(a);
  });

  it('keeps one HMAC key per data dir: equal secrets give equal digests, another dir gives others', async () => {
    const k1 = await loadHmacKey(openState(dataDir));
    const k2 = await loadHmacKey(openState(dataDir));
    expect(k1.equals(k2)).toBe(true);
    expect(k1).toHaveLength(32);
    expect(hmacSecret(k1, 'hunter2')).toBe(hmacSecret(k2, 'hunter2'));
    expect(hmacSecret(k1, 'hunter2')).not.toBe(hmacSecret(k1, 'hunter3'));
    const elsewhere = await mkdtemp(path.join(tmpdir(), 'opsledger-state-'));
    try {
      expect(hmacSecret(await loadHmacKey(openState(elsewhere)), 'hunter2')).not.toBe(
        hmacSecret(k1, 'hunter2'),
      );
    } finally {
      await rm(elsewhere, { recursive: true, force: true });
    }
  });
});
