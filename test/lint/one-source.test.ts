import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import type { CliApp } from '../../src/cli/cli-app.js';
import { auditCommand } from '../../src/cli/commands/audit.js';
import { executionsCommand } from '../../src/cli/commands/executions.js';
import { SHIPPED_SCHEMA_DIR } from '../../src/definitions/schemas.js';
import {
  AUDITABLE_TYPES,
  DEFINITION_ID_BODY,
  DEFINITION_ID_PATTERN,
  DEFINITION_KINDS,
  KIND_OF_TYPE,
  TYPE_OF_KIND,
} from '../../src/definitions/types.js';
import { EXECUTION_FILTERS } from '../../src/executions/execution-filters.js';
import { AUDIT_FILTERS } from '../../src/history/match-query.js';
import { routeTable } from '../../src/server/route-table.js';
import { ROOT } from '../helpers/cli.js';

/** Every .ts file under src/, relative to the repo root. */
function sources(dir = 'src'): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(`${dir}/${e.name}`) : e.name.endsWith('.ts') ? [`${dir}/${e.name}`] : [],
  );
}
const read = (file: string): string => readFileSync(path.join(ROOT, file), 'utf8');

/** Every string anywhere in a JSON value. */
const strings = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : v && typeof v === 'object' ? Object.values(v).flatMap(strings) : [];

describe('#15.1 each shape is defined once', () => {
  it('#15.1 the definition id pattern: only definitions/types.ts spells it; the shipped schemas repeat it exactly', () => {
    const spelled = sources().filter(
      (f) => f !== 'src/definitions/types.ts' && read(f).includes('[a-z0-9][a-z0-9-]{0,62}'),
    );
    expect(spelled, 'import DEFINITION_ID / DEFINITION_ID_PATTERN from src/definitions/types.ts').toEqual([]);
    for (const name of ['action', 'runbook', 'role', 'config']) {
      const schema = JSON.parse(
        read(path.relative(ROOT, `${SHIPPED_SCHEMA_DIR}/${name}.schema.json`)),
      ) as unknown;
      const ids = strings(schema).filter((s) => s.includes('[a-z0-9][a-z0-9-]'));
      expect(ids.length, name).toBeGreaterThan(0);
      for (const id of ids) expect(id, `${name}.schema.json`).toBe(DEFINITION_ID_PATTERN);
    }
    expect(DEFINITION_ID_PATTERN).toBe(`^${DEFINITION_ID_BODY}$`);
  });

  it('#15.1 the kind ↔ type map: one pair of tables, inverse of each other, spelled nowhere else', () => {
    expect(Object.keys(KIND_OF_TYPE).sort()).toEqual([...AUDITABLE_TYPES].sort());
    for (const kind of DEFINITION_KINDS) expect(KIND_OF_TYPE[TYPE_OF_KIND[kind]]).toBe(kind);
    const restated = sources().filter(
      (f) =>
        f !== 'src/definitions/types.ts' &&
        /(\bAction: 'action'|\baction: 'Action'|'Runbook::Step': 'runbook')/.test(read(f)),
    );
    expect(restated, 'use KIND_OF_TYPE / TYPE_OF_KIND from src/definitions/types.ts').toEqual([]);
  });

  it('#15.1 the query → filter mapping: the CLI and the API offer the same filters, mapped by one function', () => {
    const program = new Command();
    const app = { action: () => async () => undefined } as unknown as CliApp;
    executionsCommand(program, app);
    auditCommand(program, app);
    const optionsOf = (name: string): string[] =>
      program.commands.find((c) => c.name() === name)!.options.map((o) => o.attributeName());
    const queryOf = (operationId: string): string[] =>
      Object.keys(routeTable().routes.find((r) => r.operationId === operationId)?.query ?? {});
    for (const key of EXECUTION_FILTERS) {
      expect(optionsOf('executions'), `opsledger executions --${key}`).toContain(key);
      expect(queryOf('listExecutions'), `GET /executions?${key}=`).toContain(key);
    }
    for (const key of AUDIT_FILTERS) {
      expect(optionsOf('audit'), `opsledger audit --${key}`).toContain(key);
      expect(queryOf('listAuditEvents'), `GET /audit?${key}=`).toContain(key);
    }
    // Field-by-field copies of the filters are what drifted before: none are left.
    const copies = sources().filter((f) => /if \(\w+\.since\) \w+\.since = /.test(read(f)));
    expect(copies, 'use executionFilters() / auditQuery()').toEqual([]);
  });

  it('#15.1 the demo roles: one fixture (test/helpers/demo-roles.ts) renders every role file of the tests', () => {
    const tests = (dir = 'test'): string[] =>
      readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
        e.isDirectory()
          ? e.name === 'fixtures'
            ? []
            : tests(`${dir}/${e.name}`)
          : e.name.endsWith('.ts')
            ? [`${dir}/${e.name}`]
            : [],
      );
    const renderers = tests().filter(
      (f) => f !== 'test/helpers/demo-roles.ts' && /`permissions: \[\$\{/.test(read(f)),
    );
    expect(renderers, 'render role files with roleFile() of test/helpers/demo-roles.ts').toEqual([]);
  });
});
