import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

/** A command file reads as a declaration: options, help, and a handler that calls shared helpers (src/cli/). */
const MAX_LINES = 150;

describe('#15.6 command files stay small', () => {
  it(`#15.6 no file of src/cli/commands/ is over ${MAX_LINES} lines`, () => {
    const dir = path.join(ROOT, 'src/cli/commands');
    const over = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => ({ f, lines: readFileSync(path.join(dir, f), 'utf8').split('\n').length - 1 }))
      .filter(({ lines }) => lines > MAX_LINES)
      .map(({ f, lines }) => `${f}: ${lines} lines`);
    expect(over, 'move option parsing, output and rendering into shared helpers of src/cli/').toEqual([]);
  });
});
