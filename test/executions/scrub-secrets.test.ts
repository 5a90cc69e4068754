import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OpsledgerError } from '../../src/errors/opsledger-error.js';
import { OutputTail, ScrubbedLines } from '../../src/executions/output-tail.js';
import { scrubError, listSecretValues } from '../../src/executions/scrub-error.js';
import {
  REDACTION_MARK,
  scrubText,
  SecretScrubber,
  buildSecretMatcher,
} from '../../src/executions/scrub-secrets.js';
import {
  MAX_FORM_BYTES,
  MIN_PART_BYTES,
  deriveSecretNeedles,
} from '../../src/executions/derive-secret-needles.js';

const PEM = [
  '-----BEGIN PRIVATE KEY-----',
  'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj',
  'MzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu',
  'NMoSfm76oqFvAp8Gy0iz5sxjZmSnXyCdPEovGhLa0VzMaQ8s+CLOyS56YyCFGeJZ',
  '-----END PRIVATE KEY-----',
  '',
].join('\n');

/** The output with every mark replaced by a NUL (no needle holds one): what a reader sees besides the marks. */
const visible = (text: string): string => text.split(REDACTION_MARK).join('\u0000');

/** Feed chunks through the live line scrubber; the stream as displayed. */
function live(secrets: string[], chunks: Buffer[]): string {
  const lines: string[] = [];
  const s = new ScrubbedLines(secrets, (l) => lines.push(l));
  for (const c of chunks) s.push(c);
  s.end();
  return lines.join('\n');
}

/** The base64 characters of `prefix + secret + suffix` that only the secret's bytes decide (an independent oracle). */
function base64Core(prefix: Buffer, secret: Buffer, suffix: Buffer): string {
  const text = Buffer.concat([prefix, secret, suffix]).toString('base64');
  const from = prefix.length;
  const to = prefix.length + secret.length;
  let core = '';
  for (let j = 0; j < Math.floor((to * 8) / 6) + 1 && j < text.length; j++) {
    const first = Math.floor((6 * j) / 8);
    const last = Math.floor((6 * j + 5) / 8);
    if (first >= from && last < to) core += text[j];
  }
  return core;
}

const CONTROL = /(?![\t\n\r])\p{Cc}/u;
const controlFree = (s: string): boolean => !CONTROL.test(s);
const lineArb = fc
  .oneof(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 24 }),
    fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 48 }),
    fc.base64String({ minLength: 8, maxLength: 64 }),
  )
  .filter(controlFree);
const secretArb = fc
  .tuple(fc.array(lineArb, { minLength: 1, maxLength: 5 }), fc.constantFrom('\n', '\r\n'), fc.boolean())
  .map(([lines, eol, trailing]) => lines.join(eol) + (trailing ? eol : ''))
  .filter((s) => s.trim() !== '');

/** What may never be seen outside a mark: the value, its non-trivial lines and its encodings, by independent means. */
function forbiddenForms(secret: string, prefix: Buffer, suffix: Buffer): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const lines = secret
    .split(/\r\n|\n/)
    .map((l) => l.trim())
    .filter((l) => Buffer.byteLength(l) >= MIN_PART_BYTES);
  const json = JSON.stringify(secret).slice(1, -1);
  const encoded = [
    json,
    json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
    encodeURIComponent(secret),
    bytes.toString('base64'),
    bytes.toString('base64url'),
    bytes.toString('hex'),
  ].filter((f) => Buffer.byteLength(f) >= MIN_PART_BYTES);
  const core = bytes.length >= MIN_PART_BYTES ? [base64Core(prefix, bytes, suffix)] : [];
  return [secret, ...lines, ...encoded, ...core];
}

/** Cut a byte string at the given fractions. */
function cutAt(buf: Buffer, fractions: number[]): Buffer[] {
  const points = [...new Set(fractions.map((f) => Math.floor(f * buf.length)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let at = 0;
  for (const p of points) {
    if (p > at) out.push(buf.subarray(at, p));
    at = Math.max(at, p);
  }
  if (at < buf.length) out.push(buf.subarray(at));
  return out;
}

describe('secret scrubbing', () => {
  it('#13.4 a multi-line secret (PEM) printed whole, line by line, or split across writes never shows in live lines or the tail', () => {
    const out = Buffer.from(`key:\n${PEM}done\n${PEM.split('\n')[2]}\n`);
    for (const step of [1, 7, 64, out.length]) {
      const chunks: Buffer[] = [];
      for (let at = 0; at < out.length; at += step) chunks.push(out.subarray(at, at + step));
      const shown = live([PEM], chunks);
      const tail = new OutputTail(1000, [PEM]);
      for (const c of chunks) tail.push(c);
      const stored = tail.finish().text;
      for (const text of [shown, stored]) {
        for (const line of PEM.split('\n').filter((l) => l.length > 30)) expect(text).not.toContain(line);
        expect(text).toContain('done');
        expect(text.startsWith('key:\n[REDACTED]')).toBe(true);
      }
    }
  });

  it('#13.4 the base64, URL and JSON forms of a secret are scrubbed, base64 also inside a longer encoded text', () => {
    const json = JSON.stringify({ key: PEM });
    const blob = Buffer.concat([Buffer.from('x'), Buffer.from(PEM), Buffer.from('tail')]).toString('base64');
    const text = [
      Buffer.from(PEM).toString('base64'),
      encodeURIComponent(PEM),
      json,
      blob,
      Buffer.from(PEM).toString('hex'),
    ].join('\n');
    const tail = new OutputTail(64 * 1024, [PEM]);
    tail.push(Buffer.from(text));
    const scrubbed = tail.finish().text;
    expect(scrubbed).not.toMatch(/BEGIN|MIIEvQ|TUlJRXZR|LS0tLS1CRUdJTi/);
    expect(scrubbed).toContain('{"key":"[REDACTED]"}');
    expect(scrubbed).not.toContain(base64Core(Buffer.from('x'), Buffer.from(PEM), Buffer.from('tail')));
  });

  it('#13.5 an error text loses every secret, its lines and encodings; other text is kept', () => {
    const message = `spawn failed: env OPSLEDGER_PARAM_KEY='${PEM}' (${encodeURIComponent(PEM)}) for user bob`;
    const scrubbed = scrubText(message, [PEM, 'hunter2']);
    expect(scrubbed).toBe("spawn failed: env OPSLEDGER_PARAM_KEY='[REDACTED]' ([REDACTED]) for user bob");
    expect(scrubText('nothing to hide', [])).toBe('nothing to hide');
  });

  it('#13.5 an error is scrubbed of the secret values given, cause and details dropped', () => {
    const secrets = listSecretValues(
      [
        { name: 'key', type: 'string', secret: true },
        { name: 'note', type: 'string' },
      ],
      { key: 'canary-77', note: 'visible' },
    );
    expect(secrets).toEqual(['canary-77']);
    const inner = new Error('env has canary-77');
    const err = new OpsledgerError('INTERNAL', 'spawn failed: canary-77', {
      cause: inner,
      hint: 'value canary-77',
      details: { v: 'canary-77' },
    });
    const clean = scrubError(err, secrets) as OpsledgerError;
    expect(clean).toBeInstanceOf(OpsledgerError);
    expect(clean.toJSON()).toEqual({
      error: { code: 'INTERNAL', message: 'spawn failed: [REDACTED]', hint: 'value [REDACTED]' },
    });
    expect(clean.cause).toBeUndefined();
    expect(clean.details).toBeUndefined();
    expect(clean.stack).not.toContain('canary-77');
    const plain = scrubError(
      new TypeError("must be a string without null bytes. Received 'canary-77'"),
      secrets,
    );
    expect((plain as Error).message).toBe("must be a string without null bytes. Received '[REDACTED]'");
    expect((plain as Error).stack).not.toContain('canary-77');
  });

  it('a huge secret keeps its forms within the budget, the value and its main encodings first', () => {
    const line = 'ключ-€-'.repeat(9);
    const huge = Array.from({ length: 400 }, (_, i) => `${i}:${line}`).join('\n'); // ~64 KiB of UTF-8
    const needles = deriveSecretNeedles([huge]);
    const total = needles.reduce((n, b) => n + b.length, 0);
    expect(total).toBeLessThanOrEqual(MAX_FORM_BYTES + Buffer.byteLength(huge));
    const text = [
      huge,
      JSON.stringify(huge),
      encodeURIComponent(huge),
      Buffer.from(huge).toString('base64'),
    ].join('\n');
    expect(visible(scrubText(text, [huge]))).toBe('\u0000\n"\u0000"\n\u0000\n\u0000');
  });

  it('ordinary output is not held back: only bytes that could begin a secret wait for the next chunk', () => {
    const scrubber = new SecretScrubber(buildSecretMatcher(['hunter2-long-secret']));
    expect(scrubber.push(Buffer.from('hello\n')).toString()).toBe('hello\n');
    expect(scrubber.push(Buffer.from('pass=hunter2-lo')).toString()).toBe('pass=');
    expect(scrubber.push(Buffer.from('ng-secret ok')).toString()).toBe('[REDACTED] ok');
    expect(scrubber.push(Buffer.from(' hunter')).toString()).toBe(' ');
    expect(scrubber.end().toString()).toBe('hunter');
  });

  it('#13.4 property: any secret, any chunking and interleaving of stdout/stderr, no form of it in the live output or the stored tails', () => {
    const embedArb = fc.record({
      kind: fc.constantFrom('raw', 'line', 'json', 'pyjson', 'url', 'b64', 'b64url', 'hex', 'b64in'),
      pick: fc.nat(),
      filler: fc.string({ unit: 'grapheme-ascii', maxLength: 20 }),
    });
    const streamArb = fc.record({
      embeds: fc.array(embedArb, { minLength: 1, maxLength: 6 }),
      cuts: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 12 }),
    });
    fc.assert(
      fc.property(
        secretArb,
        fc.uint8Array({ maxLength: 5 }),
        fc.uint8Array({ maxLength: 4 }),
        streamArb,
        streamArb,
        fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }),
        fc.integer({ min: 1, max: 4000 }),
        (secret, prefixBytes, suffixBytes, outSpec, errSpec, order, cap) => {
          const prefix = Buffer.from(prefixBytes);
          const suffix = Buffer.from(suffixBytes);
          const bytes = Buffer.from(secret, 'utf8');
          const lines = secret.split(/\r\n|\n/).map((l) => l.trim());
          const render = (spec: typeof outSpec): Buffer =>
            Buffer.concat(
              spec.embeds.flatMap((e) => {
                const json = JSON.stringify(secret).slice(1, -1);
                const form: Record<typeof e.kind, () => Buffer> = {
                  raw: () => bytes,
                  line: () => Buffer.from(lines[e.pick % lines.length] ?? ''),
                  json: () => Buffer.from(json),
                  pyjson: () =>
                    Buffer.from(
                      json.replace(
                        /[\u0080-\uffff]/g,
                        (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
                      ),
                    ),
                  url: () => Buffer.from(encodeURIComponent(secret)),
                  b64: () => Buffer.from(bytes.toString('base64')),
                  b64url: () => Buffer.from(bytes.toString('base64url')),
                  hex: () => Buffer.from(bytes.toString('hex')),
                  b64in: () => Buffer.from(Buffer.concat([prefix, bytes, suffix]).toString('base64')),
                };
                return [Buffer.from(e.filler), form[e.kind]()];
              }),
            );
          const outChunks = cutAt(render(outSpec), outSpec.cuts);
          const errChunks = cutAt(render(errSpec), errSpec.cuts);
          // Interleave the two streams' chunks in an arbitrary order, as the pipes deliver them.
          const tails = { out: new OutputTail(cap, [secret]), err: new OutputTail(cap, [secret]) };
          const shown = { out: [] as string[], err: [] as string[] };
          const liveOut = new ScrubbedLines([secret], (l) => shown.out.push(l));
          const liveErr = new ScrubbedLines([secret], (l) => shown.err.push(l));
          let i = 0;
          let j = 0;
          for (let k = 0; i < outChunks.length || j < errChunks.length; k++) {
            const takeOut =
              j >= errChunks.length || (i < outChunks.length && (order[k % order.length] ?? true));
            if (takeOut) {
              tails.out.push(outChunks[i]!);
              liveOut.push(outChunks[i++]!);
            } else {
              tails.err.push(errChunks[j]!);
              liveErr.push(errChunks[j++]!);
            }
          }
          liveOut.end();
          liveErr.end();
          const texts = [
            shown.out.join('\n'),
            shown.err.join('\n'),
            tails.out.finish().text,
            tails.err.finish().text,
          ].map(visible);
          for (const [n, text] of texts.entries()) {
            for (const form of forbiddenForms(secret, prefix, suffix)) {
              if (text.includes(form))
                throw new Error(`leaked ${JSON.stringify(form)} in text ${n}: ${JSON.stringify(text)}`);
            }
          }
        },
      ),
      { seed: 1313, numRuns: 1000 },
    );
  });
});
