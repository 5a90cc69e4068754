import { parseYaml } from '../definitions/parse-yaml.js';
import { renderValidationText } from '../definitions/render-validation.js';
import { openTreeSource } from '../definitions/sources/open-tree-source.js';
import { validateSource, CONFIG_PATH } from '../definitions/validate-source.js';
import { runGitRaw } from '../git/run-git.js';
import { ZERO_SHA, parseRefUpdates, planRefUpdate, type RefPolicy } from './plan-ref-updates.js';

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
  allBranches: boolean;
  allowDeleteTracked: boolean;
  allowForcePush: boolean;
  strict: boolean;
}

/**
 * The pre-receive check: validate the new tip of every pushed update of the tracked branch (`validate --rev`),
 * refuse deleting it or rewriting its history, and name file:line of every finding. True when the push may go on.
 */
export async function runPreReceive(options: PreReceiveOptions): Promise<boolean> {
  const { gitDir, print } = options;
  const settings = await readSettings(gitDir);
  let ok = true;
  for (const update of parseRefUpdates(options.input)) {
    const tipForConfig = ZERO_SHA.test(update.newSha) ? update.oldSha : update.newSha;
    const policy: RefPolicy = { ...settings, trackedBranch: await trackedBranchAt(gitDir, tipForConfig) };
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
    const report = await validateSource(await openTreeSource(gitDir, decision.rev));
    const failed = report.counts.errors > 0 || (settings.strict && report.counts.warnings > 0);
    if (report.findings.length > 0 || failed) {
      print(`opsledger: ${update.ref} at ${decision.rev.slice(0, 12)}:`);
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

/** The tracked branch named by opsledger.yaml at a commit; main when the file is missing or unreadable. */
async function trackedBranchAt(gitDir: string, sha: string): Promise<string> {
  const result = await runGitRaw(gitDir, ['cat-file', 'blob', `${sha}:${CONFIG_PATH}`]);
  if (result.code !== 0) return 'main';
  const parsed = parseYaml(result.stdout, CONFIG_PATH);
  if (!parsed.ok) return 'main';
  const branch = (parsed.parsed.value as { branch?: unknown } | null)?.branch;
  return typeof branch === 'string' && branch !== '' ? branch : 'main';
}

async function readSettings(gitDir: string): Promise<PreReceiveSettings> {
  const flag = async (name: string): Promise<boolean> => {
    const result = await runGitRaw(gitDir, ['config', '--bool', '--get', `opsledger.${name}`]);
    return result.code === 0 && result.stdout.trim() === 'true';
  };
  const [allBranches, allowDeleteTracked, allowForcePush, strict] = await Promise.all([
    flag('validateAllBranches'),
    flag('allowDeleteTracked'),
    flag('allowForcePush'),
    flag('strict'),
  ]);
  return { allBranches, allowDeleteTracked, allowForcePush, strict };
}
