import { PSEUDONYM, type PseudonymVault } from '../state/pseudonym-vault.js';
import type { ExecutionInput } from './types.js';

/** Whether every person in the input is already in stored form (pseudonyms), as the recorder's end records are. */
export function isStoredInput(input: ExecutionInput): boolean {
  const { user, os_user: osUser } = input.initiator;
  return (
    PSEUDONYM.test(user) &&
    (osUser === undefined || PSEUDONYM.test(osUser)) &&
    (input.steps ?? []).every((s) => !s.decided_by || PSEUDONYM.test(s.decided_by.user)) &&
    (!input.cancel_requested || PSEUDONYM.test(input.cancel_requested.user))
  );
}

/**
 * The input as the journal stores it: the initiator, the OS account, who decided a runbook step and who asked to
 * cancel replaced by their pseudonyms from the vault (created on first use). Every backend calls this before it
 * chains a record (docs/executions.md, "Anonymization").
 */
export async function pseudonymizeInput(
  vault: PseudonymVault,
  input: ExecutionInput,
): Promise<ExecutionInput> {
  if (isStoredInput(input)) return input;
  const { user, os_user: osUser } = input.initiator;
  // An erasure by another process must not be undone by a stale cache.
  await vault.refreshIfChanged();
  const initiator = { ...input.initiator };
  if (!PSEUDONYM.test(user)) initiator.user = await vault.pseudonymize(user);
  if (osUser !== undefined && !PSEUDONYM.test(osUser)) {
    const email = PSEUDONYM.test(user) ? vault.resolve(user) : user;
    initiator.os_user = await vault.pseudonymize(osUser, { kind: 'os_user', linkedTo: email });
  }
  // Who confirmed or rejected a runbook step is a person too (docs/runbooks.md).
  const steps = input.steps
    ? await Promise.all(
        input.steps.map(async (step) =>
          step.decided_by && !PSEUDONYM.test(step.decided_by.user)
            ? {
                ...step,
                decided_by: { ...step.decided_by, user: await vault.pseudonymize(step.decided_by.user) },
              }
            : step,
        ),
      )
    : undefined;
  const cancel = input.cancel_requested;
  const cancelRequested =
    cancel && !PSEUDONYM.test(cancel.user)
      ? { cancel_requested: { ...cancel, user: await vault.pseudonymize(cancel.user) } }
      : {};
  return { ...input, initiator, ...(steps ? { steps } : {}), ...cancelRequested };
}
