import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgressReporter } from '../../src/history/progress-reporter.js';

function fakeStream(isTTY: boolean): NodeJS.WriteStream & { text(): string } {
  const stream = new PassThrough() as unknown as NodeJS.WriteStream & { text(): string };
  const chunks: Buffer[] = [];
  (stream as unknown as PassThrough).on('data', (b: Buffer) => chunks.push(b));
  Object.assign(stream, { isTTY, columns: 100, text: () => Buffer.concat(chunks).toString('utf8') });
  return stream;
}

describe('createProgressReporter', () => {
  it('draws nothing when the stream is not a terminal', () => {
    expect(createProgressReporter(fakeStream(false))).toBeUndefined();
  });

  it('draws a bar of commits on a terminal', async () => {
    const stream = fakeStream(true);
    const report = createProgressReporter(stream)!;
    report('start', 0, 400);
    report('tick', 200, 400);
    report('stop', 400, 400);
    await new Promise((r) => setImmediate(r));
    expect(stream.text()).toContain('indexing history');
    expect(stream.text()).toContain('/400 commits');
  });
});
