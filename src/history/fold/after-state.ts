import { problemsOf, type FoldState, type ObjectState, type ParsedBlob } from '../fold-types.js';
import type { Problem } from '../types.js';

/** A definition after the commit: its last parsed value, and whether this version parsed at all. */
export interface After {
  value: Record<string, unknown>;
  path: string;
  blob: string;
  fileBlob: string | null;
  /** false: this version does not parse (no content; `value` is the last parsed one). */
  parsed: boolean;
  valid: boolean;
  problems: Problem[];
}

/** The definition as the holder path leaves it: this commit's parse, a copy taking the id over, or unchanged. */
export function afterOf(
  state: FoldState,
  holder: string,
  before: ObjectState | null,
  parsed: ParsedBlob | undefined,
): After {
  const file = state.files[holder]!;
  if (parsed?.ok) {
    // `delete` only when there is one: deleting a property makes every occupant a slow dictionary object.
    if (file.copy) delete file.copy;
    const problems = problemsOf(parsed.findings);
    return {
      value: parsed.value,
      path: holder,
      blob: file.blob,
      fileBlob: null,
      parsed: true,
      valid: file.valid,
      problems,
    };
  }
  if (parsed) {
    // Only the holder itself can stop parsing (a copy takes an id over only while it parses).
    return {
      value: before!.value,
      path: holder,
      blob: file.blob,
      fileBlob: null,
      parsed: false,
      valid: false,
      problems: problemsOf(parsed.findings),
    };
  }
  if (file.copy && holder !== before?.path) {
    const { value, problems } = file.copy;
    delete file.copy;
    return {
      value,
      path: holder,
      blob: file.blob,
      fileBlob: null,
      parsed: true,
      valid: file.valid,
      problems,
    };
  }
  const b = before!;
  return {
    value: b.value,
    path: holder,
    blob: b.blob,
    fileBlob: null,
    parsed: b.parsed,
    valid: b.valid,
    problems: b.problems,
  };
}
