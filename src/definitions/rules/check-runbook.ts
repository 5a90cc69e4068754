import { makeFinding } from '../finding-codes.js';
import type { Finding, Runbook, RunbookStep } from '../types.js';
import { listTemplateRefs } from '../../runbooks/parse-template.js';
import { parseDuration } from '../../runbooks/parse-duration.js';
import { checkParameterValue } from './check-parameter-value.js';
import { checkSchedule } from './check-schedule.js';
import { placeOf, type Loaded, type RuleContext } from './rule-context.js';
import { suggestClosest } from './suggest-closest.js';

const VALUE_CODES = { type: 'with-type', enum: 'with-enum', pattern: 'with-pattern' } as const;

/**
 * Rules of one runbook against the actions it calls: known action, `with:` keys that are parameters, values that fit
 * them, required parameters set, no secrets in the repo, targets the action knows, unique step ids, reachable steps.
 */
export function checkRunbook(runbook: Loaded<Runbook>, ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  const value = runbook.definition.value;
  const stepIds = new Map<string, number>();
  findings.push(...checkSchedule(runbook));
  value.steps.forEach((step, index) => {
    const at = `/steps/${index}`;
    findings.push(...checkStepTiming(runbook, step, at));
    const first = stepIds.get(step.id);
    if (first !== undefined) {
      findings.push(
        makeFinding(
          'duplicate-step-id',
          placeOf(runbook, `${at}/id`),
          `step id "${step.id}" is used twice in runbook "${value.id}" (also steps[${first}])`,
        ),
      );
    } else {
      stepIds.set(step.id, index);
    }
    if (index === 0 && step.when === 'on_failure') {
      findings.push(
        makeFinding(
          'unreachable-step',
          placeOf(runbook, `${at}/when`),
          `step "${step.id}" is the first step and runs only on failure, so it never runs`,
        ),
      );
    }
    const action = ctx.actionById.get(step.action);
    if (!action) {
      if (ctx.brokenIds.action.has(step.action)) return; // its own file already has an error
      const closest = suggestClosest(step.action, ctx.actionById.keys());
      findings.push(
        makeFinding(
          'unknown-action',
          placeOf(runbook, `${at}/action`),
          `step "${step.id}" calls action "${step.action}", which no file under actions/ declares`,
          closest ? `Did you mean "${closest}"?` : undefined,
        ),
      );
      return;
    }
    const actionValue = action.definition.value;
    const parameters = actionValue.parameters ?? [];
    const given = step.with ?? {};
    for (const [key, givenValue] of Object.entries(given)) {
      const parameter = parameters.find((p) => p.name === key);
      if (!parameter) {
        const closest = suggestClosest(
          key,
          parameters.map((p) => p.name),
        );
        findings.push(
          makeFinding(
            'unknown-parameter',
            placeOf(runbook, `${at}/with`, key),
            `"${key}" is not a parameter of action "${actionValue.id}" (it has: ${parameters.map((p) => p.name).join(', ') || 'none'})`,
            closest ? `Did you mean "${closest}"?` : undefined,
          ),
        );
        continue;
      }
      const refs = checkRefs(runbook, step, stepIds, `${at}/with/${key}`, givenValue);
      if (refs.problem) {
        findings.push(refs.problem);
        continue;
      }
      if (parameter.secret === true && !refs.secret) {
        findings.push(
          makeFinding(
            'secret-in-with',
            placeOf(runbook, `${at}/with`, key),
            `step "${step.id}" sets secret parameter "${key}" of action "${actionValue.id}"; its value would live in the repo`,
          ),
        );
        continue;
      }
      if (refs.secret && parameter.secret !== true) {
        findings.push(
          makeFinding(
            'secret-expression',
            placeOf(runbook, `${at}/with/${key}`),
            `step "${step.id}" passes a secret runbook parameter to "${key}" of action "${actionValue.id}", which is not secret`,
          ),
        );
        continue;
      }
      if (refs.any) continue; // its value is known only when the run starts
      const problem = checkParameterValue(parameter, givenValue);
      if (problem) {
        findings.push(
          makeFinding(VALUE_CODES[problem.kind], placeOf(runbook, `${at}/with/${key}`), problem.message),
        );
      }
    }
    for (const parameter of parameters) {
      if (parameter.required !== true || parameter.default !== undefined || parameter.secret === true)
        continue;
      if (Object.hasOwn(given, parameter.name)) continue;
      findings.push(
        makeFinding(
          'missing-parameter',
          placeOf(runbook, step.with ? `${at}/with` : at),
          `step "${step.id}" does not set required parameter "${parameter.name}" of action "${actionValue.id}", which has no default`,
        ),
      );
    }
    const known = actionValue.targets ?? [];
    if (known.length > 0) {
      for (const target of step.targets ?? []) {
        if (known.includes(target)) continue;
        findings.push(
          makeFinding(
            'unknown-target',
            placeOf(runbook, `${at}/targets`),
            `step "${step.id}" targets "${target}", which action "${actionValue.id}" does not list (${known.join(', ')})`,
          ),
        );
      }
    }
    const unreleased =
      (value.status === 'released' && actionValue.status !== 'released') ||
      (actionValue.status === 'deprecated' && value.status !== 'deprecated');
    if (unreleased) {
      findings.push(
        makeFinding(
          'step-action-not-released',
          placeOf(runbook, `${at}/action`),
          `${value.status} runbook "${value.id}" calls action "${actionValue.id}", which is ${actionValue.status}`,
        ),
      );
    }
  });
  return findings;
}

/** A step's `delay` and `repeat`: ISO 8601 durations, and a repeat that ends. */
function checkStepTiming(runbook: Loaded<Runbook>, step: RunbookStep, at: string): Finding[] {
  const findings: Finding[] = [];
  const durations: [string, string | undefined][] = [
    [`${at}/delay`, step.delay],
    [`${at}/repeat/every`, step.repeat?.every],
  ];
  for (const [pointer, text] of durations) {
    if (text !== undefined && parseDuration(text) === null) {
      findings.push(
        makeFinding('duration-invalid', placeOf(runbook, pointer), `"${text}" is not an ISO 8601 duration`),
      );
    }
  }
  if (step.repeat && step.repeat.times === undefined && step.repeat.until === undefined) {
    findings.push(
      makeFinding(
        'repeat-unbounded',
        placeOf(runbook, `${at}/repeat`),
        `step "${step.id}" repeats with neither times nor until`,
      ),
    );
  }
  return findings;
}

/** The `${{ … }}` references of one `with` value: known runbook parameters and earlier steps only. */
function checkRefs(
  runbook: Loaded<Runbook>,
  step: RunbookStep,
  earlier: ReadonlyMap<string, number>,
  pointer: string,
  value: unknown,
): { problem?: Finding; secret: boolean; any: boolean } {
  const params = runbook.definition.value.parameters ?? [];
  let refs;
  try {
    refs = listTemplateRefs(value as string);
  } catch (err) {
    return {
      problem: makeFinding('expression-invalid', placeOf(runbook, pointer), (err as Error).message),
      secret: false,
      any: true,
    };
  }
  let secret = false;
  for (const ref of refs) {
    if (ref.kind === 'param') {
      const declared = params.find((p) => p.name === ref.name);
      if (!declared) {
        const message = `step "${step.id}" uses params.${ref.name}, which runbook "${runbook.definition.value.id}" does not declare`;
        return {
          problem: makeFinding('expression-invalid', placeOf(runbook, pointer), message),
          secret,
          any: true,
        };
      }
      secret ||= declared.secret === true;
    } else if (!earlier.has(ref.step) || ref.step === step.id) {
      const message = `step "${step.id}" uses steps.${ref.step}.${ref.field}, but no earlier step has that id`;
      return {
        problem: makeFinding('expression-invalid', placeOf(runbook, pointer), message),
        secret,
        any: true,
      };
    }
  }
  return { secret, any: refs.length > 0 };
}
