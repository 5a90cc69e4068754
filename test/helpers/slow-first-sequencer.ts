import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The test files that take minutes (a real pre-commit install, PostgreSQL writers, every command's help example),
 * started first. Without a duration cache (a fresh clone in CI) vitest starts the largest files first, and the
 * pre-commit framework test, a small file, ran last for six minutes while the other worker had nothing left.
 */
const SLOW = [
  'test/package/pre-commit-framework.test.ts',
  'test/postgres/several-writers.test.ts',
  'test/cli/help-examples.test.ts',
  'test/definitions/validate-rules.test.ts',
  'test/hooks/git-hooks.test.ts',
];

export default class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (file: TestSpecification) => {
      const i = SLOW.findIndex((slow) => file.moduleId.replaceAll('\\', '/').endsWith(slow));
      return i < 0 ? SLOW.length : i;
    };
    return sorted
      .map((file, i) => ({ file, i, rank: rank(file) }))
      .sort((a, b) => a.rank - b.rank || a.i - b.i)
      .map(({ file }) => file);
  }
}
