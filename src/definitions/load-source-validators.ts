import { makeFinding } from './finding-codes.js';
import { SCHEMA_FILES, compileValidators, type SchemaName, type Validators } from './schemas.js';
import type { DefinitionSource } from './sources/definition-source.js';
import type { Finding } from './types.js';

/**
 * The JSON Schemas a source carries in `<definitionsDir>/schema/` (the shipped copy for the ones it lacks), compiled.
 * A repo schema that is not valid JSON or not a valid schema is a `schema-file-invalid` finding and is replaced by
 * the shipped one, so one broken schema never hides every other finding.
 */
export async function loadSourceValidators(
  source: DefinitionSource,
  definitionsDir: string,
): Promise<{ validators: Validators; findings: Finding[] }> {
  const names = Object.keys(SCHEMA_FILES) as SchemaName[];
  const pathOf = (name: SchemaName): string => `${definitionsDir}/schema/${SCHEMA_FILES[name]}`;
  const contents = await source.read(names.map(pathOf), 4 * 1024 * 1024);
  const texts: Partial<Record<SchemaName, string>> = {};
  for (const name of names) {
    const bytes = contents.get(pathOf(name))?.bytes;
    if (bytes) texts[name] = bytes.toString('utf8');
  }
  const { validators, problems } = compileValidators(texts);
  const findings = problems.map((problem) => {
    const text = texts[problem.name] ?? '';
    const at = lineColAt(text, problem.offset ?? 0);
    return makeFinding(
      'schema-file-invalid',
      { file: pathOf(problem.name), ...at },
      `${problem.message}; using the schema shipped with opsledger instead`,
    );
  });
  return { validators, findings };
}

function lineColAt(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, col: (before[before.length - 1]?.length ?? 0) + 1 };
}
