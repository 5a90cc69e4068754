import { renderValidationText } from '../definitions/render-validation.js';
import { openTreeSource } from '../definitions/sources/open-tree-source.js';
import { validateSource } from '../definitions/validate-source.js';
import { runGitRaw } from '../git/run-git.js';
import { parseRefUpdates, planRefUpdate, type RefPolicy } from './plan-ref-updates.js';
import { resolvePushRules } from './resolve-push-rules.js';

export interface PreReceiveOptions {
  /** The repository receiving the push (bare, or the .git folder of a work tree). */
  gitDir: string;
  /** What git wrote on the hook's stdin. */
  input: string;
  /** Where messages for the pusher go (git shows them as `remote: ...`). */
  print: (line: string) => void;
}

/** Server-side settings, read from the receiving repo's git config (`git config opsledger.<name> true`). */
export interface PreReceiveSettings {
  /** `opsledger.branch`: pins the tracked branch, whatever any opsledger.yaml says. */
  branch: string | null;
  allBranches: boolean;
  allowDeleteTracked: boolean;
  allowForcePush: boolean;
  strict: boolean;
}

/**
 * The pre-receive check: validate the new tip of every pushed update of the tracked branch by the rules already on
 * the server (`validate --rev NEW --rules-from OLD`; a push never chooses the rules that judge it), refuse deleting
 * the branch or rewriting its history, and name file:line of every finding. True when the push may go on.
 */
export async function runPreReceive(options: PreReceiveOptions): Promise<boolean> {
  const { gitDir, print } = options;
  const settings = await readSettings(gitDir);
  let ok = true;
  for (const update of parseRefUpdates(options.input)) {
    const { trackedBranch, rules } = await resolvePushRules(gitDir, update, settings.branch);
    const policy: RefPolicy = { ...settings, trackedBranch };
    const decision = planRefUpdate(update, policy);
    if (decision.action === 'skip') continue;
    if (decision.action === 'reject') {
      print(`opsledger: refusing ${update.ref}: ${decision.reason}`);
      ok = false;
      continue;
    }
    if (decision.fastForwardFrom !== null) {
      const ancestor = await runGitRaw(gitDir, [
        'merge-base',
        '--is-ancestor',
        decision.fastForwardFrom,
        decision.rev,
      ]);
      if (ancestor.code !== 0) {
        print(
          `opsledger: refusing ${update.ref}: a non-fast-forward update rewrites the history of the tracked branch (its audit trail)`,
        );
        print('opsledger: hint: merge or revert instead of force-pushing, or ask the server admin');
        ok = false;
        continue;
      }
    }
    const report = await validateSource(await openTreeSource(gitDir, decision.rev), { rules });
    const failed = report.counts.errors > 0 || (settings.strict && report.counts.warnings > 0);
    if (report.findings.length > 0 || failed) {
      print(
        `opsledger: ${update.ref} at ${decision.rev.slice(0, 12)} (rules of ${report.rules?.label ?? 'its own commit'}):`,
      );
      for (const line of renderValidationText(report, settings.strict).split('\n')) print(line);
    }
    if (failed) {
      print(
        `opsledger: refusing ${update.ref}: its new tip has invalid definitions (fix them and push again)`,
      );
      ok = false;
    }
  }
  return ok;
}

async function readSettings(gitDir: string): Promise<PreReceiveSettings> {
  const flag = async (name: string): Promise<boolean> => {
    const result = await runGitRaw(gitDir, ['config', '--bool', '--get', `opsledger.${name}`]);
    return result.code === 0 && result.stdout.trim() === 'true';
  };
  const [allBranches, allowDeleteTracked, allowForcePush, strict, pinned] = await Promise.all([
    flag('validateAllBranches'),
    flag('allowDeleteTracked'),
    flag('allowForcePush'),
    flag('strict'),
    runGitRaw(gitDir, ['config', '--get', 'opsledger.branch']),
  ]);
  const branch = pinned.code === 0 && pinned.stdout.trim() !== '' ? pinned.stdout.trim() : null;
  return { branch, allBranches, allowDeleteTracked, allowForcePush, strict };
}
