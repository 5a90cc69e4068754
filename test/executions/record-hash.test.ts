import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, hashRecord, sealRecord, sealedBytesMatch } from '../../src/executions/record-hash.js';
import type { ExecutionRecord } from '../../src/executions/types.js';
import { makeInput } from './make-input.js';

describe('sealedBytesMatch (the fast path of verify)', () => {
  const { record, line } = sealRecord(makeInput(), { seq: 0, hash: GENESIS_HASH });

  it('accepts a line exactly as sealRecord wrote it, with or without its newline', () => {
    expect(sealedBytesMatch(line, record.hash)).toBe(true);
    expect(sealedBytesMatch(line.trimEnd(), record.hash)).toBe(true);
  });

  it('rejects a line with one field changed, as the canonical check does', () => {
    const edited = line.replace('"nginx"', '"apache"');
    const parsed = JSON.parse(edited) as ExecutionRecord;
    expect(sealedBytesMatch(edited, record.hash)).toBe(false);
    expect(hashRecord(parsed)).not.toBe(record.hash);
  });

  it('leaves a re-formatted but equal record to the canonical check, which still accepts it', () => {
    const reformatted = `${JSON.stringify(JSON.parse(line), null, 1).replace(/\n/g, ' ')}\n`;
    expect(sealedBytesMatch(reformatted, record.hash)).toBe(false);
    expect(hashRecord(JSON.parse(reformatted) as ExecutionRecord)).toBe(record.hash);
  });
});
