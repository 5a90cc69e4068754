import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/definitions/parse-yaml.js';

describe('parseYaml', () => {
  it('refuses an alias bomb without expanding it, with a located finding', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    const names = 'abcdefghi';
    for (let i = 1; i < names.length; i++) {
      const prev = names[i - 1]!;
      lines.push(`${names[i]}: &${names[i]} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const result = parseYaml(lines.join('\n'), 'bomb.yaml');
    expect(result.ok).toBe(false);
    // yaml's own refusal (maxAliasCount), raised while counting aliases: nothing was expanded.
    if (!result.ok)
      expect(result.findings[0]).toMatchObject({
        code: 'alias-bomb',
        file: 'bomb.yaml',
        line: 2,
        message: expect.stringMatching(/^refused to expand aliases: Excessive alias count/),
      });
  });

  it('locates a syntax error by line and column', () => {
    const result = parseYaml('id: a\nname: [x\nowner: b\n', 'bad.yaml');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.findings[0]).toMatchObject({ code: 'yaml-syntax', line: 3 });
  });

  it('parses a single document', () => {
    const result = parseYaml('id: a\ntags: [x, y]\n', 'ok.yaml');
    expect(result.ok && result.parsed.value).toEqual({ id: 'a', tags: ['x', 'y'] });
  });
});
