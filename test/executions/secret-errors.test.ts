import { describe, expect, it } from 'vitest';
import { checkParameterValue } from '../../src/definitions/rules/check-parameter-value.js';
import type { Parameter } from '../../src/definitions/types.js';
import { OpsledgerError } from '../../src/errors/opsledger-error.js';
import { checkParameters } from '../../src/executions/check-parameters.js';

const PARAMS: Parameter[] = [
  { name: 'key', type: 'string', secret: true },
  { name: 'note', type: 'string' },
];

describe('secrets in error text', () => {
  it('#13.5 parameter values with control characters other than tab, CR and LF are refused without echoing them', () => {
    for (const bad of ['a\u0000b', 'x\u001b]0;pwned\u0007', 'del\u007f', 'c1\u009b31m']) {
      let caught: unknown;
      try {
        checkParameters(PARAMS, { key: `canary-${bad}`, note: 'ok' });
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(OpsledgerError);
      expect((caught as OpsledgerError).code).toBe('PARAM_INVALID');
      expect((caught as OpsledgerError).message).toBe('parameter "key" contains a control character');
      expect(JSON.stringify((caught as OpsledgerError).toJSON())).not.toContain('canary');
    }
    // exec checks only what was given, but control characters all the same.
    expect(() => checkParameters(PARAMS, { other: 'a\u0000' }, { partial: true })).toThrow(
      /parameter "other" contains a control character/,
    );
    const pem = '-----BEGIN KEY-----\r\nMIIabc\tdef\n-----END KEY-----\n';
    expect(checkParameters(PARAMS, { key: pem }).secrets).toEqual([pem]);
  });

  it('#13.5 a rule finding about a secret parameter never quotes its value', () => {
    const secret: Parameter = { name: 'pin', type: 'integer', secret: true, enum: [1, 2] };
    const plain: Parameter = { name: 'n', type: 'integer', enum: [1, 2] };
    expect(checkParameterValue(secret, 'canary-abc')?.message).toBe(
      'the value is a string, but parameter "pin" is an integer',
    );
    expect(checkParameterValue(secret, 7)?.message).toBe('the value is not one of 1, 2 (parameter "pin")');
    expect(
      checkParameterValue({ name: 's', type: 'string', pattern: '^x', secret: true }, 'canary')?.message,
    ).toBe('the value does not match /^x/ (parameter "s")');
    expect(checkParameterValue(plain, 'abc')?.message).toBe(
      '"abc" is a string, but parameter "n" is an integer',
    );
  });
});
