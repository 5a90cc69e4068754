import { describe, expect, it } from 'vitest';
import { assessRisk, type RiskInput } from '../../src/review/assess-risk.js';

const released = { id: 'a', status: 'released' };
const draft = { id: 'a', status: 'draft' };
const update = (pointers: string[], before: object, after: object = before): RiskInput => ({
  kind: 'action',
  action: 'update',
  pointers,
  before: before as Record<string, unknown>,
  after: after as Record<string, unknown>,
});

describe('#18 risk rules (docs/github.md "Risk")', () => {
  it.each([
    ['/script/inline', 'script of a released action'],
    ['/script/file_blob', 'script of a released action'],
    ['/targets', 'targets of a released action'],
    ['/credential', 'credential of a released action'],
    ['/parameters/service/default', 'parameters of a released action'],
  ])('high: %s of a released action', (pointer, reason) => {
    expect(assessRisk(update([pointer], released))).toEqual({ risk: 'high', reasons: [reason] });
  });

  it('high: a status becomes released, also by creating a released definition', () => {
    expect(assessRisk(update(['/status'], draft, released)).risk).toBe('high');
    const create: RiskInput = {
      kind: 'runbook',
      action: 'create',
      pointers: [],
      before: null,
      after: released,
    };
    expect(assessRisk(create)).toEqual({ risk: 'high', reasons: ['status → released'] });
  });

  it('high: a role gains admin or definitions:approve, or members while holding one', () => {
    const role = (permissions: string[], members: string[]) => ({ id: 'r', permissions, members });
    const gain: RiskInput = {
      kind: 'role',
      action: 'update',
      pointers: ['/permissions'],
      before: role(['actions:execute'], ['a@x.io']),
      after: role(['actions:execute', 'admin'], ['a@x.io']),
    };
    expect(assessRisk(gain)).toEqual({ risk: 'high', reasons: ['role gains admin'] });
    const member: RiskInput = {
      ...gain,
      pointers: ['/members'],
      before: role(['definitions:approve'], ['a@x.io']),
      after: role(['definitions:approve'], ['a@x.io', 'm@x.io']),
    };
    expect(assessRisk(member)).toEqual({ risk: 'high', reasons: ['m@x.io gains definitions:approve'] });
    const plain = {
      ...member,
      before: role(['actions:execute'], []),
      after: role(['actions:execute'], ['m@x.io']),
    };
    expect(assessRisk(plain)).toEqual({ risk: 'medium', reasons: ['access change'] });
  });

  it('medium: other changes of released definitions; low: drafts and descriptions only', () => {
    expect(assessRisk(update(['/timeout'], released))).toEqual({
      risk: 'medium',
      reasons: ['change to a released action'],
    });
    expect(assessRisk(update(['/script/inline'], draft)).risk).toBe('low');
    expect(assessRisk(update(['/description', '/steps/a/description'], released))).toEqual({
      risk: 'low',
      reasons: ['descriptions only'],
    });
  });
});
