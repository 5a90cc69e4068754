import type { Command } from 'commander';
import { OpsledgerError } from '../errors/opsledger-error.js';
import { PARAMETER_NAME } from '../definitions/types.js';

/** Collect a repeatable option into a list. */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** The options `run`, `exec` and `runbook run` share to pass parameters and targets. */
export interface ParamOptions {
  param: string[];
  paramEnv: string[];
  target: string[];
}

/** Add `--param`, `--param-env` and `--target` (each repeatable) to a command. */
export function addParamOptions(command: Command, targetHelp: string): Command {
  return command
    .option('--param <name=value>', 'a parameter value (repeatable)', collect, [])
    .option(
      '--param-env <name=VAR>',
      'a parameter value read from environment variable VAR (repeatable)',
      collect,
      [],
    )
    .option('--target <name>', targetHelp, collect, []);
}

/** `--param k=v` (and `--param-env k=VAR`, read from the environment so a secret stays out of argv) → a map. */
export function parseParams(
  pairs: readonly string[],
  envPairs: readonly string[],
  env: NodeJS.ProcessEnv,
): Record<string, string> {
  // No prototype: `--param __proto__=1` must reach the parameter check as a name, not vanish into a prototype.
  const out = Object.create(null) as Record<string, string>;
  const put = (name: string, value: string, flag: string): void => {
    if (!PARAMETER_NAME.test(name)) {
      throw new OpsledgerError('PARAM_INVALID', `${flag} ${name}=…: "${name}" is not a parameter name`);
    }
    if (Object.hasOwn(out, name))
      throw new OpsledgerError('PARAM_INVALID', `parameter "${name}" is given twice`);
    out[name] = value;
  };
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq < 1)
      // Without "=" the word may be a value typed without its name: never echo it.
      throw new OpsledgerError('PARAM_INVALID', `--param takes NAME=VALUE; one was given without a name`);
    put(pair.slice(0, eq), pair.slice(eq + 1), '--param');
  }
  for (const pair of envPairs) {
    const eq = pair.indexOf('=');
    if (eq < 1) throw new OpsledgerError('PARAM_INVALID', `--param-env ${pair}: expected NAME=ENV_VAR`);
    const variable = pair.slice(eq + 1);
    const value = env[variable];
    if (value === undefined)
      throw new OpsledgerError('PARAM_INVALID', `--param-env ${pair}: $${variable} is not set`);
    put(pair.slice(0, eq), value, '--param-env');
  }
  return out;
}
