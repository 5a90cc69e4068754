import { describe, expect, it } from 'vitest';
import { parseDefinition } from '../../src/definitions/parse-definition.js';
import { loadValidators } from '../../src/definitions/schemas.js';
import { fastValue, parseBlob } from '../../src/history/parse-blob.js';
import { actionYaml, runbookYaml } from './fixtures.js';

const validators = loadValidators();

/** What the authoritative parser (the one `validate` uses) says. */
function slow(text: string, kind: 'action' | 'runbook' = 'action') {
  const r = parseDefinition(Buffer.from(text), 'f.yaml', kind, validators);
  return r.ok ? r.definition.value : null;
}

const DOCUMENTS: string[] = [
  actionYaml(),
  actionYaml({ comment: 'with a comment', scriptFile: 'scripts/x.sh' }),
  `${actionYaml()}description: "quoted: value # not a comment"\n`,
  `${actionYaml()}description: >\n  folded\n  text\n`,
  `${actionYaml()}tags: [a, 'b', "c"]\n`,
  `${actionYaml()}schedule: '0 3 * * *'\n`,
  actionYaml().replace('timeout: 300', 'timeout: 0x1F'),
  actionYaml().replace('timeout: 300', 'timeout: 0o17'),
  actionYaml().replace('default: nginx', 'default: -0x1F'),
  actionYaml().replace('default: nginx', 'default: 0b101'),
  actionYaml().replace('default: nginx', "default: '2024-01-01'"),
  actionYaml().replace('default: nginx', 'default: yes'),
  actionYaml().replace('default: nginx', 'default: ~'),
  actionYaml().replace('inline: systemctl restart "$SERVICE"', 'inline: a && b || c *.log'),
  `defaults: &d\n  type: string\n${actionYaml()}`,
  actionYaml().replace(
    '  - name: service\n    type: string\n',
    '  - &p\n    name: service\n    type: string\n',
  ),
  `%YAML 1.2\n---\n${actionYaml()}`,
  `${actionYaml()}---\n${actionYaml()}`,
  `${actionYaml()}timeout: 5\n`,
  actionYaml().replace('timeout: 300', 'timeout:\t300'),
  runbookYaml([{ id: 'a' }, { id: 'b', when: 'always' }]),
];

describe('parseBlob', () => {
  it.each(DOCUMENTS.map((d, i) => [i, d]))(
    'document %i: the fast path agrees with parseDefinition',
    (_i, text) => {
      const kind = text.includes('steps:') ? 'runbook' : 'action';
      const expected = slow(text as string, kind);
      const parsed = parseBlob(Buffer.from(text as string), 'f.yaml', kind, validators);
      if (expected === null) expect(parsed.ok && parsed.findings.length === 0).toBe(false);
      else expect(parsed).toEqual({ ok: true, value: expected, findings: [] });
      const fast = fastValue(Buffer.from(text as string), kind, validators);
      if (fast !== null) expect(fast).toEqual(expected);
    },
  );

  it('takes the fast path for plain definitions', () => {
    expect(fastValue(Buffer.from(actionYaml()), 'action', validators)).not.toBeNull();
  });

  it('sends anchors, tags and invalid UTF-8 down the full path', () => {
    expect(fastValue(Buffer.from(`x: &a 1\n${actionYaml()}`), 'action', validators)).toBeNull();
    expect(fastValue(Buffer.from([0x69, 0x64, 0x3a, 0x20, 0xff]), 'action', validators)).toBeNull();
  });

  it('#14.1 keeps the content of a schema-invalid file, with its findings', () => {
    const parsed = parseBlob(
      Buffer.from(actionYaml().replace('timeout:', 'timout:')),
      'a.yaml',
      'action',
      validators,
    );
    expect(parsed).toMatchObject({ ok: true, value: { id: 'restart-web', timout: 300 } });
    expect(parsed.findings.map((f) => f.code)).toContain('schema');
  });

  it('#14.1 gives no content for a file that does not parse or names no usable id', () => {
    expect(parseBlob(Buffer.from('id: [\n'), 'a.yaml', 'action', validators)).toMatchObject({
      ok: false,
      id: null,
    });
    const noId = parseBlob(Buffer.from('name: x\n'), 'a.yaml', 'action', validators);
    expect(noId.ok).toBe(false);
  });

  it('marks a runbook whose step ids repeat', () => {
    const parsed = parseBlob(
      Buffer.from(runbookYaml([{ id: 'a' }, { id: 'a' }])),
      'r.yaml',
      'runbook',
      validators,
    );
    expect(parsed.ok).toBe(true);
    expect(parsed.findings.map((f) => f.code)).toEqual(['duplicate-step-id']);
  });
});
