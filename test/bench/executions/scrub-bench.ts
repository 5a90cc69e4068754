/**
 * Throughput of secret scrubbing (docs/executions.md, Secrets): bytes per second through the live scrubber
 * (`ScrubbedLines`) and the kept tail (`OutputTail`) for output with no secret, a short token and a PEM key (each
 * with its lines and encodings), fed in 64 KiB and in 512-byte chunks; plus the number of forms and the time to
 * build the automaton.
 *
 *   npx tsx test/bench/executions/scrub-bench.ts [--mib 16]
 */
import { createHash } from 'node:crypto';
import { OutputTail, ScrubbedLines } from '../../../src/executions/output-tail.js';
import { deriveSecretNeedles } from '../../../src/executions/derive-secret-needles.js';
import { buildSecretMatcher } from '../../../src/executions/scrub-secrets.js';

const mib = Number(process.argv[process.argv.indexOf('--mib') + 1] || 16);

function pem(): string {
  let bytes = Buffer.alloc(0);
  for (let i = 0; bytes.length < 1200; i++)
    bytes = Buffer.concat([bytes, createHash('sha256').update(`bench-${i}`).digest()]);
  const body = bytes.toString('base64').match(/.{1,64}/g) ?? [];
  return ['-----BEGIN RSA PRIVATE KEY-----', ...body, '-----END RSA PRIVATE KEY-----', ''].join('\n');
}

/** Log-like output with the secret (raw, then base64) once every ~64 KiB. */
function output(secret: string | null, size: number): Buffer {
  const parts: Buffer[] = [];
  let n = 0;
  for (let i = 0; n < size; i++) {
    const line = Buffer.from(
      `2026-12-03T04:00:${String(i % 60).padStart(2, '0')}Z INFO request ${i} served in ${i % 97} ms\n`,
    );
    parts.push(line);
    n += line.length;
    if (secret && i % 1000 === 999) {
      const s = Buffer.from(`key: ${secret}\n${Buffer.from(secret).toString('base64')}\n`);
      parts.push(s);
      n += s.length;
    }
  }
  return Buffer.concat(parts);
}

function measure(label: string, secrets: string[], data: Buffer, chunk: number): void {
  const started = performance.now();
  let lines = 0;
  const live = new ScrubbedLines(secrets, () => lines++);
  const tail = new OutputTail(64 * 1024, secrets);
  for (let at = 0; at < data.length; at += chunk) {
    const c = data.subarray(at, at + chunk);
    live.push(c);
    tail.push(c);
  }
  live.end();
  const kept = tail.finish().text.length;
  const s = (performance.now() - started) / 1000;
  console.log(
    `${label.padEnd(28)} chunk ${String(chunk).padStart(6)} B  ${(data.length / 1024 / 1024 / s).toFixed(1).padStart(7)} MiB/s  (${lines} lines, tail ${kept} chars)`,
  );
}

const key = pem();
const cases: [string, string[]][] = [
  ['no secret', []],
  ['token (32 chars)', ['tok_4f9c0a1b2c3d4e5f6a7b8c9d0e1f2a3b']],
  [`PEM key (${key.length} chars)`, [key]],
];
for (const [label, secrets] of cases) {
  const t0 = performance.now();
  const needles = deriveSecretNeedles(secrets);
  const matcher = buildSecretMatcher(secrets);
  const built = performance.now() - t0;
  console.log(
    `${label}: ${needles.length} forms, ${needles.reduce((n, b) => n + b.length, 0)} bytes, longest ${matcher.longest}, built in ${built.toFixed(1)} ms`,
  );
}
for (const [label, secrets] of cases) {
  const data = output(secrets[0] ?? null, mib * 1024 * 1024);
  for (const chunk of [64 * 1024, 512]) measure(label, secrets, data, chunk);
}
