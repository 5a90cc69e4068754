import jsyaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { createBlockYamlParser, needsFullParser } from '../../src/history/block-yaml.js';
import { actionYaml, runbookYaml } from './fixtures.js';

const whole = (text: string): unknown => {
  try {
    return jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA });
  } catch {
    return 'THROWS';
  }
};

/** Documents whose top-level cut is fine, and documents built to trick a cut at column 0. */
const DOCUMENTS: string[] = [
  actionYaml(),
  `# a comment first\n\n${actionYaml()}`,
  actionYaml().replace(/\n/g, '\r\n'),
  runbookYaml([{ id: 'a' }, { id: 'b', when: 'always' }, { id: 'c' }]),
  'steps:\n- id: a\n  name: A\n- id: b\n# between\n- id: c\nname: x\n',
  'steps:\n  - id: a\n\n  # a comment in the list\n  - id: b\n    with:\n      - 1\n      - 2\n',
  'steps:\n  - id: a\n  x: 1\n',
  'steps: # trailing comment\n  - a\n  -\n    b: 1\n',
  'script: |\n  echo one\n\n  echo two\nname: n\n',
  'script: |\necho: oops\n',
  'description: "hello\nworld: x"\nid: a\n',
  "description: 'hello\nworld'\nid: a\n",
  'description: hello\nworld\nid: a\n',
  'tags: [a,\nb: c]\nid: a\n',
  'id: a\nid: b\n',
  '-x: 1\nid: a\n',
  '? complex\n: key\n',
  '"quoted": 1\nid: a\n',
  '  id: indented\n  name: x\n',
  '- a\n- b\n',
  'just a scalar\n',
  '',
  '# only a comment\n',
  'id: a\n__proto__: {x: 1}\n',
  'id: 007\nn: 0x1f\nm: 1e3\nt: True\nf: FALSE\nz: ~\ne:\nq: "1"\n',
  'key:value\nid: a\n',
  'id: a\nlist:\n- 1\n-2\n',
  'a.b: 1\nc-d: 2\n_e: 3\n',
  'id: a\nsteps:\n  - id: s\n    when: "x\n  - id: t"\n',
  'id: a\nsteps:\n    - id: s\n  - id: t\n',
  'id: a\nkey\t: 1\nname :x\n',
  'id: a\nk:',
  'id: a\n9x: 1\n.hidden: 2\n',
  'id: a\n-: 1\n',
  'id: a\na:b: c\n',
];

describe('block YAML parser', () => {
  it.each(DOCUMENTS.map((d, i) => [i, d]))('document %i: answers only with js-yaml’s value', (_i, text) => {
    const parser = createBlockYamlParser();
    const value = parser.parse(text as string);
    if (value !== null) expect(value).toEqual(whole(text as string));
    // Parsing again (every block from the cache) gives the same answer.
    expect(parser.parse(text as string)).toEqual(value);
  });

  it('agrees with js-yaml on many edited versions of the same files, reusing unchanged blocks', () => {
    const parser = createBlockYamlParser();
    let answered = 0;
    for (let v = 0; v < 200; v++) {
      const steps = Array.from({ length: 6 }, (_, i) => ({
        id: `s${(i + v) % 7}`,
        ...(i === v % 6 ? { when: 'always' } : {}),
      }));
      const texts = [
        actionYaml().replace('timeout: 300', `timeout: ${300 + v}`),
        actionYaml({ comment: `rev ${v}` }).replace('default: nginx', `default: "svc-${v % 5}"`),
        runbookYaml(steps),
      ];
      for (const text of texts) {
        const value = parser.parse(text);
        if (value !== null) answered++;
        expect(value ?? whole(text)).toEqual(whole(text));
      }
    }
    expect(answered).toBe(600);
    // Far fewer parses than blocks seen: unchanged blocks and steps are parsed once.
    expect(parser.parsedBlocks).toBeLessThan(600 * 3);
  });

  it('refuses a block with YAML the full parser must see (anchors, aliases, tags, tabs), not a comment before the first key', () => {
    const parser = createBlockYamlParser();
    expect(parser.parse('id: a\nx: &one 1\n')).toBeNull();
    expect(parser.parse('id: a\ny: *one\n')).toBeNull();
    expect(parser.parse('id: a\nz: !!str 1\n')).toBeNull();
    expect(parser.parse('id: a\nsteps:\n\t- x\n')).toBeNull();
    expect(parser.parse('id: a\nn: 0b101\n')).toBeNull();
    // YAML ignores comments: one before the first key does not change the value.
    expect(parser.parse('# see &anchor and *alias\nid: a\n')).toEqual({ id: 'a' });
    expect(needsFullParser('id: a\nx: &one 1\n')).toBe(true);
    expect(needsFullParser('id: a & b\n')).toBe(false);
  });

  it('shares unchanged blocks between versions and freezes them', () => {
    const parser = createBlockYamlParser();
    const a = parser.parse(actionYaml())!;
    const b = parser.parse(actionYaml().replace('timeout: 300', 'timeout: 301'))!;
    expect(b.parameters).toBe(a.parameters);
    expect(b.timeout).toBe(301);
    expect(Object.isFrozen(a.parameters)).toBe(true);
    expect(() => {
      (a.parameters as unknown[]).push(1);
    }).toThrow();
  });
});
